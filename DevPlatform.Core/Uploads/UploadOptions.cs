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

    /// <summary>How long a download link given to a page or an API caller keeps working.</summary>
    public TimeSpan DownloadUrlLifetime { get; set; } = TimeSpan.FromMinutes(15);
}
