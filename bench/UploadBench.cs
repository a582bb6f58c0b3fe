#:package Microsoft.Playwright
#:property PublishAot=false
#:property TreatWarningsAsErrors=true

// A large attachment through the two upload paths of a running app, beside a plain file copy of the same file:
// the API's streaming route (raw body, HttpClient) and the browser's upload control (Chromium, driven by Playwright:
// the file picked in the page's InputFile is sent by the browser to the same route).
// Usage: dotnet run bench/UploadBench.cs -- <baseUrl> <appPid> <megabytes> <projectId> <documentId> <bareServerUrl>
// (bareServerUrl: bench/BareUploadServer.cs, a Kestrel endpoint that only writes the body to a file: the HTTP yardstick).
// Each path runs once to warm up (a 1 MB file), then three times; the row shows the median time and the largest peak
// memory growth of the three. Prints Markdown table rows: path, size, time, throughput, throughput ÷ file copy, the app's
// peak resident memory growth during the upload (Linux: /proc/<pid>/clear_refs resets the peak, VmHWM reads it).
using System.Diagnostics;
using System.Globalization;
using Microsoft.Playwright;

const int Runs = 3;
var baseUrl = new Uri(args[0]);
var appPid = int.Parse(args[1], CultureInfo.InvariantCulture);
var megabytes = int.Parse(args[2], CultureInfo.InvariantCulture);
var (projectId, documentId, bareServer) = (args[3], args[4], new Uri(args[5]));
var bytes = megabytes * 1024L * 1024;
var folder = Directory.CreateTempSubdirectory("devplatform-upload-bench").FullName;
var warmUp = Path.Combine(folder, "warm-up.bin");
await WriteRandomFileAsync(warmUp, 1024 * 1024);
// One file per run, so that each browser upload has a name (and a success message) of its own.
var files = Enumerable.Range(1, Runs).Select(i => Path.Combine(folder, $"attachment-{i}.bin")).ToArray();
await WriteRandomFileAsync(files[0], bytes);
foreach (var copyOf in files.Skip(1)) File.Copy(files[0], copyOf);

var copy = await MeasureAsync(measureApp: false, async file =>
{
    await using var source = File.OpenRead(file);
    await using var target = File.Create(file + ".copy");
    await source.CopyToAsync(target);
    await target.FlushAsync();
});
Row("plain file copy (same disk)", copy);

using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(10) };
http.DefaultRequestHeaders.Add("x-dev-user-id", "bench-user");
var bare = await MeasureAsync(measureApp: false, file => PutAsync(new Uri(bareServer, "/upload"), file));
Row("bare Kestrel endpoint writing the body to a file (HttpClient)", bare);
var api = await MeasureAsync(measureApp: true, file =>
    PutAsync(new Uri(baseUrl, $"/api/documentation/{documentId}/attachments?fileName=api-{Guid.NewGuid():N}.bin"), file));
Row("API streaming route (`PUT …/attachments`, HttpClient)", api);

using var playwright = await Playwright.CreateAsync();
await using var browser = await playwright.Chromium.LaunchAsync(new()
{
    ExecutablePath = "/usr/bin/chromium", Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
var page = await browser.NewPageAsync(new() { BaseURL = baseUrl.ToString().TrimEnd('/') });
// Whatever the page says on its console goes to stderr, so a browser upload that never finishes says why.
page.Console += (_, message) => Console.Error.WriteLine($"browser {message.Type}: {message.Text}");
await page.GotoAsync("/account/sign-in");
await page.Locator("#user-id").FillAsync("bench-user");
await page.Locator("#display-name").FillAsync("Bench User");
await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
await page.WaitForURLAsync(url => !url.Contains("/account/sign-in"));
await page.GotoAsync($"/documentation?projectId={projectId}&documentId={documentId}");
await page.Locator("[data-interactive=true]").WaitForAsync();
// The page has loaded the document once its attachments (or the empty state) show: the upload control is then the one
// that stays (an input replaced after the pick would not upload).
await page.Locator("[data-testid=attachments] [data-testid=attachment-row], [data-testid=attachments-empty]").First.WaitForAsync();
var input = page.Locator("[data-testid=attachments] input[type=file]");
await input.WaitForAsync(new() { State = WaitForSelectorState.Attached });
var browserRuns = await MeasureAsync(measureApp: true, async file =>
{
    await input.SetInputFilesAsync(file);
    try
    {
        await page.GetByText($"{Path.GetFileName(file)} uploaded.").WaitForAsync(new() { Timeout = 600_000 });
    }
    catch (TimeoutException)
    {
        await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "upload-bench-timeout.png"), FullPage = true });
        throw;
    }
});
Row("browser upload control (Chromium: InputFile picks, the browser PUTs to the same route)", browserRuns);
Directory.Delete(folder, recursive: true);

async Task PutAsync(Uri url, string file)
{
    await using var body = File.OpenRead(file);
    using var content = new StreamContent(body, 81920);
    content.Headers.ContentType = new("application/octet-stream");
    using var response = await http.PutAsync(url, content);
    if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{url} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
}

async Task<(TimeSpan Elapsed, long? AddedBytes)> MeasureAsync(bool measureApp, Func<string, Task> upload)
{
    await upload(warmUp);
    var runs = new List<(TimeSpan Elapsed, long AddedBytes)>();
    foreach (var file in files)
    {
        if (measureApp) await File.WriteAllTextAsync($"/proc/{appPid}/clear_refs", "5");
        var before = measureApp ? PeakResidentBytes() : 0;
        var elapsed = await TimeAsync(() => upload(file));
        runs.Add((elapsed, measureApp ? PeakResidentBytes() - before : 0));
    }
    return (runs.Select(r => r.Elapsed).Order().ElementAt(Runs / 2), measureApp ? runs.Max(r => r.AddedBytes) : null);
}

long PeakResidentBytes()
{
    var line = File.ReadLines($"/proc/{appPid}/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
    return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
}

void Row(string path, (TimeSpan Elapsed, long? AddedBytes) run)
{
    var rate = bytes / 1048576.0 / run.Elapsed.TotalSeconds;
    var ratio = rate / (bytes / 1048576.0 / copy.Elapsed.TotalSeconds);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {path} | {megabytes} MB | {run.Elapsed.TotalSeconds:0.00} s | {rate:0} MB/s | {ratio:0.00}× | {(run.AddedBytes is { } a ? $"**{a / 1048576.0:0.0} MB**" : "—")} |"));
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
