using System.Collections.Immutable;
using System.Threading.Channels;
using DevPlatform.Core.Common;
using DevPlatform.Core.Storage.Notifications;
using Microsoft.Extensions.Logging;

namespace DevPlatform.Core.CodeGeneration;

/// <summary>What the code-generation topic carries: a run as it is now, and when it has just succeeded, where to get it.</summary>
/// <param name="DownloadLink">The API route that answers a fresh download link (links themselves expire, so none is published).</param>
/// <param name="PageLink">The page that shows the run.</param>
public sealed record CodeGenerationNotice(CodeGenerationRun Run, string? DownloadLink = null, string? PageLink = null);

/// <summary>
/// Live runs for open pages: one subscription to the code-generation topic (so runs on any instance's worker show),
/// fanned out to listeners per project, each with its own bounded queue and reader as <c>ActivityFeed</c> does — a slow
/// screen delays nobody, and a screen that falls behind drops the oldest progress first (it only needs the latest).
/// </summary>
public sealed class CodeGenerationFeed : IDisposable
{
    internal const int ListenerCapacity = 32;
    private readonly IDisposable _topicSubscription;
    private readonly ILogger<CodeGenerationFeed> _logger;
    private ImmutableList<Listener> _listeners = [];

    public CodeGenerationFeed(INotificationBus notifications, ILogger<CodeGenerationFeed> logger)
    {
        _logger = logger;
        _topicSubscription = notifications.Subscribe(Topics.CodeGeneration, OnNotificationAsync);
    }

    internal int ListenerCount => _listeners.Count;

    /// <summary>Calls <paramref name="onRun"/> for each change of a run of the project, in order, until disposed.</summary>
    public IDisposable Subscribe(string projectId, Func<CodeGenerationNotice, Task> onRun)
    {
        var listener = new Listener(this, projectId, onRun);
        ImmutableInterlocked.Update(ref _listeners, l => l.Add(listener));
        listener.Start();
        return listener;
    }

    public void Dispose()
    {
        _topicSubscription.Dispose();
        foreach (var listener in _listeners) listener.Dispose();
    }

    private Task OnNotificationAsync(Notification notification, CancellationToken ct)
    {
        var notice = DocumentJson.Deserialize<CodeGenerationNotice>(notification.Payload);
        foreach (var listener in _listeners.Where(l => l.ProjectId == notice.Run.ProjectId)) listener.Post(notice);
        return Task.CompletedTask;
    }

    private sealed class Listener : IDisposable
    {
        private readonly CodeGenerationFeed _owner;
        private readonly Func<CodeGenerationNotice, Task> _onRun;
        private readonly Channel<CodeGenerationNotice> _queue;
        private volatile bool _disposed;

        public Listener(CodeGenerationFeed owner, string projectId, Func<CodeGenerationNotice, Task> onRun)
        {
            _owner = owner;
            _onRun = onRun;
            ProjectId = projectId;
            _queue = Channel.CreateBounded<CodeGenerationNotice>(
                new BoundedChannelOptions(ListenerCapacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
                dropped => owner._logger.LogWarning("A code-generation screen of project {ProjectId} fell behind; dropped a change of {RunId}",
                    projectId, dropped.Run.Id));
        }

        public string ProjectId { get; }

        public void Start() => _ = Task.Run(ReadAsync);

        public void Post(CodeGenerationNotice notice) => _queue.Writer.TryWrite(notice);

        public void Dispose()
        {
            _disposed = true;
            _queue.Writer.TryComplete();
            ImmutableInterlocked.Update(ref _owner._listeners, l => l.Remove(this));
        }

        private async Task ReadAsync()
        {
            while (await _queue.Reader.WaitToReadAsync())
            {
                while (!_disposed && _queue.Reader.TryRead(out var notice))
                {
                    try
                    {
                        await _onRun(notice);
                    }
                    catch (Exception e)
                    {
                        _owner._logger.LogError(e, "A code-generation screen of project {ProjectId} failed on a change of {RunId}", ProjectId, notice.Run.Id);
                    }
                }
                if (_disposed) return;
            }
        }
    }
}
