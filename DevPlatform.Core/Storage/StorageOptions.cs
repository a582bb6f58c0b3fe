using System.ComponentModel.DataAnnotations;

namespace DevPlatform.Core.Storage;

/// <summary>The "Storage" configuration section: which backends the app runs on.</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>Local (embedded SQLite and files, the default) or Aws (DynamoDB, S3, SQS, SNS).</summary>
    [Required]
    public StorageProvider Provider { get; set; } = StorageProvider.Local;

    public LocalStorageOptions Local { get; set; } = new();
}

public enum StorageProvider { Local, Aws }

public sealed class LocalStorageOptions
{
    /// <summary>The embedded data folder; relative paths are under the working directory.</summary>
    public string DataPath { get; set; } = "data";
}
