using System.Threading.Channels;
using DevPlatform.Core.Storage.Notifications;
using DevPlatform.Tests.Infrastructure;

namespace DevPlatform.Tests.Storage.Contract;

/// <summary>What every INotificationBus must do; run in-process and through SNS → SQS fan-out (fauxqs).</summary>
public abstract class NotificationBusContract(Func<StorageBackend> createBackend) : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private StorageBackend _backend = null!;
    private INotificationBus Bus => _backend.Notifications;

    public async Task InitializeAsync()
    {
        _backend = createBackend();
        await _backend.StartNotificationsAsync(["deployment-status", "team-invitations"]);
    }

    public async Task DisposeAsync() => await _backend.DisposeAsync();

    [Fact]
    public async Task APublishedNotificationReachesASubscriberWithItsPayloadAndAttributes()
    {
        var received = Channel.CreateUnbounded<Notification>();
        using var subscription = Bus.Subscribe("deployment-status", (n, _) => received.Writer.WriteAsync(n).AsTask());

        await Bus.PublishAsync(new Notification("deployment-status", "deployment_success", """{"deploymentId":"d1"}""")
        {
            Attributes = new Dictionary<string, string> { ["teamId"] = "t1" },
        });

        var notification = await received.Reader.ReadAsync().AsTask().WaitAsync(Patience);
        Assert.Equal(("deployment_success", """{"deploymentId":"d1"}""", "t1"),
            (notification.Type, notification.Payload, notification.Attributes["teamId"]));
    }

    [Fact]
    public async Task ASubscriberHearsOnlyItsTopicAndNothingAfterDisposing()
    {
        var deployments = Channel.CreateUnbounded<string>();
        var invitations = Channel.CreateUnbounded<string>();
        var disposedOne = Channel.CreateUnbounded<string>();
        using var deploymentSubscription = Bus.Subscribe("deployment-status", (n, _) => deployments.Writer.WriteAsync(n.Type).AsTask());
        using var invitationSubscription = Bus.Subscribe("team-invitations", (n, _) => invitations.Writer.WriteAsync(n.Type).AsTask());
        var disposed = Bus.Subscribe("deployment-status", (n, _) => disposedOne.Writer.WriteAsync(n.Type).AsTask());
        disposed.Dispose();

        await Bus.PublishAsync(new Notification("team-invitations", "invited", "{}"));
        await Bus.PublishAsync(new Notification("deployment-status", "started", "{}"));

        Assert.Equal("invited", await invitations.Reader.ReadAsync().AsTask().WaitAsync(Patience));
        Assert.Equal("started", await deployments.Reader.ReadAsync().AsTask().WaitAsync(Patience));
        Assert.False(invitations.Reader.TryRead(out _));
        Assert.False(disposedOne.Reader.TryRead(out _));
    }

    [Fact]
    public async Task EnsuringTopicsAgainKeepsDelivering()
    {
        var received = Channel.CreateUnbounded<string>();
        using var subscription = Bus.Subscribe("team-invitations", (n, _) => received.Writer.WriteAsync(n.Type).AsTask());

        await Bus.EnsureTopicsAsync(["deployment-status", "team-invitations"]);
        await Bus.PublishAsync(new Notification("team-invitations", "invited", "{}"));

        Assert.Equal("invited", await received.Reader.ReadAsync().AsTask().WaitAsync(Patience));
    }

    [Fact]
    public async Task AFailingSubscriberDoesNotKeepANotificationFromTheOthers()
    {
        var received = Channel.CreateUnbounded<string>();
        using var failing = Bus.Subscribe("deployment-status", (_, _) => throw new InvalidOperationException("subscriber bug"));
        using var healthy = Bus.Subscribe("deployment-status", (n, _) => received.Writer.WriteAsync(n.Type).AsTask());

        await Bus.PublishAsync(new Notification("deployment-status", "failed", "{}"));

        Assert.Equal("failed", await received.Reader.ReadAsync().AsTask().WaitAsync(Patience));
    }
}

public sealed class InProcessNotificationBusTests() : NotificationBusContract(() => new LocalBackend());

[Collection(AwsEmulatorCollection.Name)]
public sealed class SnsNotificationBusTests(AwsEmulators emulators) : NotificationBusContract(() => new AwsBackend(emulators));
