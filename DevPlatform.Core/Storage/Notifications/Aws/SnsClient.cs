using System.Globalization;
using System.Net.Http.Headers;
using System.Xml.Linq;
using Amazon.Runtime;
using Amazon.Runtime.Credentials;
using DevPlatform.Core.Storage.Aws;

namespace DevPlatform.Core.Storage.Notifications.Aws;

/// <summary>
/// The few SNS actions the app needs, over SNS's Query API (form-encoded POST, XML answers), because the
/// AWSSDK.SimpleNotificationService package is not available to this project.
/// </summary>
public sealed class SnsClient(HttpClient http, AwsOptions options, TimeProvider time)
{
    private readonly Uri _endpoint = new(string.IsNullOrEmpty(options.ServiceUrl)
        ? $"https://sns.{options.Region}.amazonaws.com/"
        : options.ServiceUrl.TrimEnd('/') + "/");

    private readonly AWSCredentials _credentials = AwsClientFactory.Credentials(options)
        ?? DefaultAWSCredentialsIdentityResolver.GetCredentials(null);

    public async Task<string> CreateTopicAsync(string name, CancellationToken ct) =>
        Value(await SendAsync("CreateTopic", [("Name", name)], ct), "TopicArn");

    /// <returns>The topic's ARN, or null when no topic has that name.</returns>
    public async Task<string?> FindTopicAsync(string name, CancellationToken ct)
    {
        string? next = null;
        do
        {
            var parameters = new List<(string, string)>();
            if (next is not null) parameters.Add(("NextToken", next));
            var response = await SendAsync("ListTopics", parameters, ct);
            var match = response.Descendants().Where(e => e.Name.LocalName == "TopicArn")
                .Select(e => e.Value).FirstOrDefault(arn => arn.EndsWith(":" + name, StringComparison.Ordinal));
            if (match is not null) return match;
            next = response.Descendants().FirstOrDefault(e => e.Name.LocalName == "NextToken")?.Value;
        } while (!string.IsNullOrEmpty(next));
        return null;
    }

    /// <summary>One page of ListTopics: proves SNS answers when no topic is known yet.</summary>
    public Task ListFirstTopicsAsync(CancellationToken ct) => SendAsync("ListTopics", [], ct);

    public async Task<string> PublishAsync(string topicArn, string message, IReadOnlyDictionary<string, string> attributes, CancellationToken ct)
    {
        var parameters = new List<(string, string)> { ("TopicArn", topicArn), ("Message", message) };
        var n = 0;
        foreach (var (name, value) in attributes)
        {
            n++;
            parameters.Add(($"MessageAttributes.entry.{n}.Name", name));
            parameters.Add(($"MessageAttributes.entry.{n}.Value.DataType", "String"));
            parameters.Add(($"MessageAttributes.entry.{n}.Value.StringValue", value));
        }
        return Value(await SendAsync("Publish", parameters, ct), "MessageId");
    }

    /// <summary>Subscribes an SQS queue with raw delivery, so the queue receives the message body as published.</summary>
    public async Task<string> SubscribeQueueAsync(string topicArn, string queueArn, CancellationToken ct) =>
        Value(await SendAsync("Subscribe",
        [
            ("TopicArn", topicArn), ("Protocol", "sqs"), ("Endpoint", queueArn), ("ReturnSubscriptionArn", "true"),
            ("Attributes.entry.1.key", "RawMessageDelivery"), ("Attributes.entry.1.value", "true"),
        ], ct), "SubscriptionArn");

    /// <summary>Subscribes an email address (SNS mails it a confirmation link first), receiving only what the filter policy matches.</summary>
    public async Task<string> SubscribeEmailAsync(string topicArn, string email, string filterPolicy, CancellationToken ct) =>
        Value(await SendAsync("Subscribe",
        [
            ("TopicArn", topicArn), ("Protocol", "email"), ("Endpoint", email), ("ReturnSubscriptionArn", "true"),
            ("Attributes.entry.1.key", "FilterPolicy"), ("Attributes.entry.1.value", filterPolicy),
        ], ct), "SubscriptionArn");

    public Task SetFilterPolicyAsync(string subscriptionArn, string filterPolicy, CancellationToken ct) =>
        SendAsync("SetSubscriptionAttributes",
            [("SubscriptionArn", subscriptionArn), ("AttributeName", "FilterPolicy"), ("AttributeValue", filterPolicy)], ct);

    public Task UnsubscribeAsync(string subscriptionArn, CancellationToken ct) =>
        SendAsync("Unsubscribe", [("SubscriptionArn", subscriptionArn)], ct);

    /// <summary>Every subscription of the topic, page by page.</summary>
    public async Task<IReadOnlyList<SnsSubscription>> ListSubscriptionsByTopicAsync(string topicArn, CancellationToken ct)
    {
        var subscriptions = new List<SnsSubscription>();
        string? next = null;
        do
        {
            var parameters = new List<(string, string)> { ("TopicArn", topicArn) };
            if (next is not null) parameters.Add(("NextToken", next));
            var response = await SendAsync("ListSubscriptionsByTopic", parameters, ct);
            subscriptions.AddRange(response.Descendants().Where(e => e.Name.LocalName == "member").Select(member => new SnsSubscription(
                Child(member, "SubscriptionArn") ?? "", Child(member, "Endpoint") ?? "") { Protocol = Child(member, "Protocol") ?? "" }));
            next = response.Descendants().FirstOrDefault(e => e.Name.LocalName == "NextToken")?.Value;
        } while (!string.IsNullOrEmpty(next));
        return subscriptions;
    }

    /// <summary>The cheapest call that proves the topic exists and SNS answers.</summary>
    public Task GetTopicAttributesAsync(string topicArn, CancellationToken ct) =>
        SendAsync("GetTopicAttributes", [("TopicArn", topicArn)], ct);

    private static string? Child(XElement element, string name) => element.Elements().FirstOrDefault(e => e.Name.LocalName == name)?.Value;

    private async Task<XElement> SendAsync(string action, IEnumerable<(string Name, string Value)> parameters, CancellationToken ct)
    {
        var form = string.Join('&', new[] { ("Action", action), ("Version", "2010-03-31") }.Concat(parameters)
            .Select(p => $"{Uri.EscapeDataString(p.Item1)}={Uri.EscapeDataString(p.Item2)}"));
        var body = System.Text.Encoding.UTF8.GetBytes(form);
        var credentials = await _credentials.GetCredentialsAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, _endpoint) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(SigV4RequestSigner.FormContentType);
        foreach (var (name, value) in SigV4RequestSigner.Sign(credentials, options.Region, "sns", _endpoint, body, time.GetUtcNow().UtcDateTime))
            request.Headers.TryAddWithoutValidation(name, value);

        using var response = await http.SendAsync(request, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        var xml = text.Length > 0 ? XElement.Parse(text) : new XElement("Empty");
        if (response.IsSuccessStatusCode) return xml;
        var code = xml.Descendants().FirstOrDefault(e => e.Name.LocalName == "Code")?.Value ?? "Unknown";
        var message = xml.Descendants().FirstOrDefault(e => e.Name.LocalName == "Message")?.Value ?? text;
        throw new SnsException(action, (int)response.StatusCode, code, message);
    }

    private static string Value(XElement response, string name) =>
        response.Descendants().FirstOrDefault(e => e.Name.LocalName == name)?.Value
        ?? throw new SnsException(name, 200, "MissingElement", $"The SNS response has no {name}.");
}

public sealed record SnsSubscription(string SubscriptionArn, string Endpoint)
{
    /// <summary>"sqs", "email"…; empty when the listing did not say.</summary>
    public string Protocol { get; init; } = "";
}

public sealed class SnsException(string action, int status, string code, string message)
    : Exception(string.Create(CultureInfo.InvariantCulture, $"SNS {action} failed ({status} {code}): {message}"))
{
    public string Code { get; } = code;
}
