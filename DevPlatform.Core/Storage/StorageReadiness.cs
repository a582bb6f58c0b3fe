namespace DevPlatform.Core.Storage;

/// <summary>Completes once every backend has been set up, so background workers wait for it before their first call.</summary>
public sealed class StorageReadiness
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool IsReady => _ready.Task.IsCompleted;
    public string? LastError { get; private set; }

    public Task WaitAsync(CancellationToken ct) => _ready.Task.WaitAsync(ct);

    internal void MarkReady()
    {
        LastError = null;
        _ready.TrySetResult();
    }

    internal void MarkFailed(string error) => LastError = error;
}
