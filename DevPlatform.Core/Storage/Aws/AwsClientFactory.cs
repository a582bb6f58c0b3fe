using Amazon;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.SQS;

namespace DevPlatform.Core.Storage.Aws;

/// <summary>Builds SDK clients for real AWS (default credential chain) or for an emulator endpoint.</summary>
public static class AwsClientFactory
{
    public static AmazonDynamoDBClient DynamoDb(AwsOptions options)
    {
        var config = new AmazonDynamoDBConfig();
        Configure(config, options, options.DynamoDbServiceUrl ?? options.ServiceUrl);
        return Credentials(options) is { } credentials ? new AmazonDynamoDBClient(credentials, config) : new AmazonDynamoDBClient(config);
    }

    public static AmazonS3Client S3(AwsOptions options)
    {
        var config = new AmazonS3Config();
        Configure(config, options, options.ServiceUrl);
        // Emulators serve buckets by path, not by virtual host.
        config.ForcePathStyle = !string.IsNullOrEmpty(options.ServiceUrl);
        return Credentials(options) is { } credentials ? new AmazonS3Client(credentials, config) : new AmazonS3Client(config);
    }

    public static AmazonSQSClient Sqs(AwsOptions options)
    {
        var config = new AmazonSQSConfig();
        Configure(config, options, options.ServiceUrl);
        return Credentials(options) is { } credentials ? new AmazonSQSClient(credentials, config) : new AmazonSQSClient(config);
    }

    /// <summary>With an emulator endpoint any static key works; null means the SDK's normal credential chain.</summary>
    public static AWSCredentials? Credentials(AwsOptions options) =>
        string.IsNullOrEmpty(options.ServiceUrl) && string.IsNullOrEmpty(options.DynamoDbServiceUrl)
            ? null
            : new BasicAWSCredentials("emulator", "emulator");

    private static void Configure(ClientConfig config, AwsOptions options, string? serviceUrl)
    {
        if (string.IsNullOrEmpty(serviceUrl))
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(options.Region);
            return;
        }
        config.ServiceURL = serviceUrl;
        config.AuthenticationRegion = options.Region;
    }
}
