using DevPlatform.Core.Common;
using DevPlatform.Core.Identity;
using DevPlatform.Core.Settings;
using DevPlatform.Core.Storage.Notifications.Aws;
using DevPlatform.Tests.Infrastructure;

namespace DevPlatform.Tests.Core.Settings;

/// <summary>In AWS mode, email preferences become email subscriptions on the SNS topics, and follow every change.</summary>
[Collection(AwsEmulatorCollection.Name)]
public sealed class EmailSubscriptionTests(AwsEmulators emulators) : IAsyncLifetime
{
    private static readonly Actor Eva = new("eva", "Eva Park");
    private ServiceHarness _harness = null!;

    private SettingsService Settings => _harness.Get<SettingsService>();

    public async Task InitializeAsync() => _harness = await new ServiceHarness(emulators).StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task ChosenTopicsAreSubscribedForTheAddressAndFollowItsChanges()
    {
        var read = await Settings.GetAsync(Eva);
        var byEmail = new Dictionary<NotificationTopic, TopicChoice?>
        {
            [NotificationTopic.CriticalActivity] = new(true, true), [NotificationTopic.RoleChanges] = new(true, true),
        };

        var saved = await Settings.UpdateAsync(Eva, new SettingsInput(Notifications: byEmail, NotificationEmail: "eva@example.com"), read.Version);

        Assert.Equal(["eva@example.com"], await EmailsOnAsync(Topics.CriticalActivity));
        Assert.Equal(["eva@example.com"], await EmailsOnAsync(Topics.RoleChanges));
        Assert.Empty(await EmailsOnAsync(Topics.DeploymentStatus));

        saved = await Settings.UpdateAsync(Eva, new SettingsInput(NotificationEmail: "eva@work.example.com"), saved.Version);
        Assert.Equal(["eva@work.example.com"], await EmailsOnAsync(Topics.CriticalActivity));

        await Settings.UpdateAsync(Eva, new SettingsInput(NotificationEmail: ""), saved.Version);
        Assert.Empty(await EmailsOnAsync(Topics.CriticalActivity));
        Assert.Empty(await EmailsOnAsync(Topics.RoleChanges));
    }

    private async Task<List<string>> EmailsOnAsync(string topic)
    {
        var subscriptions = await _harness.Get<SnsClient>().ListSubscriptionsByTopicAsync(_harness.Get<SnsNotificationBus>().TopicArnOf(topic), CancellationToken.None);
        return subscriptions.Where(s => s.Protocol == "email").Select(s => s.Endpoint).ToList();
    }
}
