using System.Text;
using Amazon.Runtime;
using DevPlatform.Core.Storage.Notifications.Aws;

namespace DevPlatform.Tests.Storage.Aws;

/// <summary>
/// Holds the SNS signer, which leans on AWSSDK.Core's internal AWS4Signer, to the AWS SigV4 test suite's
/// "post-x-www-form-urlencoded" case (awslabs/aws-c-auth tests/aws-signing-test-suite/v4/), so an SDK bump that
/// changes the signer fails here instead of in production.
/// </summary>
public sealed class SigV4RequestSignerTests
{
    private static readonly ImmutableCredentials SuiteCredentials = new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", null);
    private static readonly DateTime SuiteTime = new(2015, 8, 30, 12, 36, 0, DateTimeKind.Utc);

    [Fact]
    public void SignsTheFormPostOfThePublishedTestSuite()
    {
        var headers = SigV4RequestSigner.Sign(SuiteCredentials, "us-east-1", "service", new Uri("https://example.amazonaws.com/"),
            Encoding.UTF8.GetBytes("Param1=value1"), SuiteTime);

        Assert.Equal("20150830T123600Z", headers["x-amz-date"]);
        Assert.Equal(
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=content-type;host;x-amz-date, " +
            "Signature=ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a",
            headers["Authorization"]);
    }

    [Fact]
    public void SignsTheSessionTokenWhenThereIsOne()
    {
        var headers = SigV4RequestSigner.Sign(new ImmutableCredentials("AKIDEXAMPLE", "secret", "session-token"), "us-east-1", "sns",
            new Uri("http://127.0.0.1:4566/"), Encoding.UTF8.GetBytes("Action=ListTopics"), SuiteTime);

        Assert.Equal("session-token", headers["x-amz-security-token"]);
        Assert.Contains("SignedHeaders=content-type;host;x-amz-date;x-amz-security-token,", headers["Authorization"]);
    }
}
