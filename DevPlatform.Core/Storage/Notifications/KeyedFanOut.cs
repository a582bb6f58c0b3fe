using System.Collections.Immutable;
using System.Threading.Channels;
using DevPlatform.Core.Common;
using Microsoft.Extensions.Logging;

namespace DevPlatform.Core.Storage.Notifications;

/// <summary>
/// One subscription to a topic, fanned out to listeners by a key (a team, a project). Each listener has its own bounded
/// queue and reader, so the topic's handler only enqueues and returns: a slow or stuck screen delays nobody else, and
/// upstream (the SNS fan-out queue) can delete the message at once. A listener that falls behind by
/// <see cref="ListenerCapacity"/> loses the oldest events first. Every subscription must be disposed, or each closed
/// circuit would stay referenced here.
/// </summary>
/// <typeparam name="T">The notification payload, as <see cref="DocumentJson"/> wrote it.</typeparam>
public sealed class KeyedFanOut<T> : IDisposable
{
    /// <summary>
    /// Events a listener may fall behind by before the oldest are dropped. A live screen needs to know that something
    /// changed, not every step; a screen this far behind is stuck, and keeping more would only hold memory for it.
    /// </summary>
    public const int ListenerCapacity = 32;

    private readonly Func<T, string> _keyOf;
    private readonly Func<T, string> _describe;
    private readonly string _scope;
    private readonly ILogger _logger;
    private readonly IDisposable _topicSubscription;
    private ImmutableList<Listener> _listeners = [];

    /// <param name="scope">What the key names, for logs ("team", "project").</param>
    /// <param name="describe">An event in a log line ("the project_created of prj_…").</param>
    public KeyedFanOut(INotificationBus notifications, string topic, Func<T, string> keyOf, string scope, Func<T, string> describe, ILogger logger)
    {
        (_keyOf, _scope, _describe, _logger) = (keyOf, scope, describe, logger);
        _topicSubscription = notifications.Subscribe(topic, OnNotificationAsync);
    }

    /// <summary>The listeners not yet disposed; tests use it to prove that closed screens leave nothing behind.</summary>
    public int ListenerCount => _listeners.Count;

    /// <summary>
    /// Calls <paramref name="onEvent"/> for each event of <paramref name="key"/>, one at a time and in order, on a
    /// background thread, until the returned subscription is disposed. A failing call is logged and the next event still comes.
    /// </summary>
    public IDisposable Subscribe(string key, Func<T, Task> onEvent)
    {
        var listener = new Listener(this, key, onEvent);
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
        var item = DocumentJson.Deserialize<T>(notification.Payload);
        var key = _keyOf(item);
        foreach (var listener in _listeners.Where(l => l.Key == key)) listener.Post(item);
        return Task.CompletedTask;
    }

    private sealed class Listener : IDisposable
    {
        private readonly KeyedFanOut<T> _owner;
        private readonly Func<T, Task> _onEvent;
        private readonly Channel<T> _queue;
        private volatile bool _disposed;

        public Listener(KeyedFanOut<T> owner, string key, Func<T, Task> onEvent)
        {
            (_owner, _onEvent, Key) = (owner, onEvent, key);
            _queue = Channel.CreateBounded<T>(
                new BoundedChannelOptions(ListenerCapacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
                dropped => owner._logger.LogWarning("A live screen of {Scope} {Key} fell {Capacity} events behind; dropped {Event}",
                    owner._scope, key, ListenerCapacity, owner._describe(dropped)));
        }

        public string Key { get; }

        // Off the subscriber's synchronization context: a circuit's dispatcher must not run the loop.
        public void Start() => _ = Task.Run(ReadAsync);

        public void Post(T item) => _queue.Writer.TryWrite(item);

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
                while (!_disposed && _queue.Reader.TryRead(out var item))
                {
                    try
                    {
                        await _onEvent(item);
                    }
                    catch (Exception e)
                    {
                        // The loop is the boundary of this listener: log and keep serving it.
                        _owner._logger.LogError(e, "A live screen of {Scope} {Key} failed on {Event}", _owner._scope, Key, _owner._describe(item));
                    }
                }
                if (_disposed) return;
            }
        }
    }
}
