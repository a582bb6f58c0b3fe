#:sdk Microsoft.NET.Sdk.Web
#:property PublishAot=false
#:property TreatWarningsAsErrors=true

// The HTTP yardstick for the upload benchmark: a bare Kestrel endpoint that writes a PUT's body to a file, with none of
// the app's work (no sign-in, type check, limit, claim or record). What the app's streaming route reaches beside this
// is what our code costs; what this reaches beside a plain file copy is what HTTP on this machine costs.
// Usage: dotnet run bench/BareUploadServer.cs -- <url> <folder>
var builder = WebApplication.CreateBuilder(args);
builder.Logging.ClearProviders();
builder.WebHost.ConfigureKestrel(o => o.Limits.MaxRequestBodySize = null);
var app = builder.Build();
var folder = args[1];
app.MapGet("/", () => "ready");
app.MapPut("/upload", async (HttpRequest request, CancellationToken ct) =>
{
    var path = Path.Combine(folder, Guid.NewGuid().ToString("N"));
    await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
        await request.Body.CopyToAsync(file, 81920, ct);
    File.Delete(path);
    return Results.Created();
});
app.Run(args[0]);
