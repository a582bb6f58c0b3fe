namespace DevPlatform.Core.Uploads;

/// <summary>The "Uploads" section.</summary>
public sealed class UploadOptions
{
    public const string Section = "Uploads";

    /// <summary>
    /// The longest an upload may take. An object whose record was never written is deleted once this has passed since
    /// its upload began (a shorter value could delete an upload that is still arriving over a slow link).
    /// </summary>
    public TimeSpan ClaimLifetime { get; set; } = TimeSpan.FromHours(6);

    /// <summary>
    /// How long an upload's claim on its key may go unrenewed before another upload to that key may take it over (the
    /// uploading process renews it three times in this span while the bytes arrive, so only a dead process's claim lapses).
    /// </summary>
    public TimeSpan ClaimTakeover { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>How long a download link given to a page or an API caller keeps working.</summary>
    public TimeSpan DownloadUrlLifetime { get; set; } = TimeSpan.FromMinutes(15);
}
