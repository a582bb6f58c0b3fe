namespace DevPlatform.Core.Storage;

/// <summary>Each adapter's cheapest round trip to its backend, for GET /health.</summary>
public interface IBackendProbe
{
    /// <summary>documents, blobs, queues or notifications.</summary>
    string Backend { get; }

    /// <summary>Throws when the backend cannot be reached or is not set up.</summary>
    Task ProbeAsync(CancellationToken ct);
}
