#:package Microsoft.Playwright
#:property PublishAot=false
#:property TreatWarningsAsErrors=true

// A large attachment through the two upload paths of a running app, beside a plain file copy of the same file:
// the API's streaming route (raw body) and the browser's InputFile (Chromium, driven by Playwright).
// Usage: dotnet run bench/UploadBench.cs -- <baseUrl> <appPid> <megabytes> <projectId> <documentId>
// Prints Markdown table rows: path, size, time, throughput, throughput ÷ file copy, the app's peak resident memory
// growth during the upload (Linux: /proc/<pid>/clear_refs resets the peak, VmHWM reads it).
using System.Diagnostics;
using System.Globalization;
using Microsoft.Playwright;

var baseUrl = new Uri(args[0]);
var appPid = int.Parse(args[1], CultureInfo.InvariantCulture);
var megabytes = int.Parse(args[2], CultureInfo.InvariantCulture);
var (projectId, documentId) = (args[3], args[4]);
var bytes = megabytes * 1024L * 1024;
var folder = Directory.CreateTempSubdirectory("devplatform-upload-bench").FullName;
var file = Path.Combine(folder, "attachment.bin");
await WriteRandomFileAsync(file, bytes);

var copy = await TimeAsync(async () =>
{
    await using var source = File.OpenRead(file);
    await using var target = File.Create(Path.Combine(folder, "copy.bin"));
    await source.CopyToAsync(target);
    await target.FlushAsync();
});
Row("plain file copy (same disk)", copy, null);

var api = await MeasureAppAsync(async () =>
{
    using var http = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromMinutes(10) };
    http.DefaultRequestHeaders.Add("x-dev-user-id", "bench-user");
    await using var body = File.OpenRead(file);
    using var content = new StreamContent(body, 81920);
    content.Headers.ContentType = new("application/octet-stream");
    using var response = await http.PutAsync($"/api/documentation/{documentId}/attachments?fileName=api-{Guid.NewGuid():N}.bin", content);
    if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"API upload answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
});
Row("API streaming route (`PUT …/attachments`)", api.Elapsed, api.AddedBytes);

using var playwright = await Playwright.CreateAsync();
await using var browser = await playwright.Chromium.LaunchAsync(new()
{
    ExecutablePath = "/usr/bin/chromium", Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
var page = await browser.NewPageAsync(new() { BaseURL = baseUrl.ToString().TrimEnd('/') });
await page.GotoAsync("/account/sign-in");
await page.Locator("#user-id").FillAsync("bench-user");
await page.Locator("#display-name").FillAsync("Bench User");
await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
await page.WaitForURLAsync(url => !url.Contains("/account/sign-in"));
await page.GotoAsync($"/documentation?projectId={projectId}&documentId={documentId}");
await page.Locator("[data-interactive=true]").WaitForAsync();
var input = page.Locator("[data-testid=attachments] input[type=file]");
await input.WaitForAsync(new() { State = WaitForSelectorState.Attached });
var done = page.GetByText("attachment.bin uploaded.");
var browserRun = await MeasureAppAsync(async () =>
{
    await input.SetInputFilesAsync(file);
    await done.WaitForAsync(new() { Timeout = 600_000 });
});
Row("browser `InputFile` (Chromium, SignalR)", browserRun.Elapsed, browserRun.AddedBytes);
Directory.Delete(folder, recursive: true);

async Task<(TimeSpan Elapsed, long AddedBytes)> MeasureAppAsync(Func<Task> upload)
{
    await File.WriteAllTextAsync($"/proc/{appPid}/clear_refs", "5");
    var before = PeakResidentBytes();
    var elapsed = await TimeAsync(upload);
    return (elapsed, PeakResidentBytes() - before);
}

long PeakResidentBytes()
{
    var line = File.ReadLines($"/proc/{appPid}/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
    return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
}

void Row(string path, TimeSpan elapsed, long? added)
{
    var rate = bytes / 1048576.0 / elapsed.TotalSeconds;
    var ratio = rate / (bytes / 1048576.0 / copy.TotalSeconds);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {path} | {megabytes} MB | {elapsed.TotalSeconds:0.00} s | {rate:0} MB/s | {(added is null ? "1×" : $"{ratio:0.00}×")} | {(added is { } a ? $"**{a / 1048576.0:0.0} MB**" : "—")} |"));
}

static async Task<TimeSpan> TimeAsync(Func<Task> work)
{
    var clock = Stopwatch.StartNew();
    await work();
    return clock.Elapsed;
}

static async Task WriteRandomFileAsync(string path, long length)
{
    var buffer = new byte[1024 * 1024];
    await using var stream = File.Create(path);
    for (long written = 0; written < length; written += buffer.Length)
    {
        Random.Shared.NextBytes(buffer);
        await stream.WriteAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, length - written)));
    }
}
