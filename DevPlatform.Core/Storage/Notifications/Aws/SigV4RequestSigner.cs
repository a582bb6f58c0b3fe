using System.Globalization;
using System.Security.Cryptography;
using Amazon.Runtime;
using Amazon.Runtime.Internal.Auth;

namespace DevPlatform.Core.Storage.Notifications.Aws;

/// <summary>
/// Signs a form-encoded POST to "/" with SigV4. We build the canonical request ourselves (it is short for this one
/// shape) and leave key derivation and the signature to AWSSDK.Core's AWS4Signer. That signer is in an Internal
/// namespace, so the AWSSDK versions are pinned and SigV4RequestSignerTests holds it to the published test vector.
/// </summary>
public static class SigV4RequestSigner
{
    public const string FormContentType = "application/x-www-form-urlencoded";

    /// <summary>The headers to send: x-amz-date, Authorization and, for session credentials, x-amz-security-token.</summary>
    public static IReadOnlyDictionary<string, string> Sign(
        ImmutableCredentials credentials, string region, string service, Uri endpoint, byte[] body, DateTime signedAtUtc)
    {
        var amzDate = signedAtUtc.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var headers = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["content-type"] = FormContentType,
            ["host"] = endpoint.IsDefaultPort ? endpoint.Host : $"{endpoint.Host}:{endpoint.Port}",
            ["x-amz-date"] = amzDate,
        };
        if (credentials.UseToken) headers["x-amz-security-token"] = credentials.Token;
        var signedHeaders = string.Join(';', headers.Keys);
        var canonicalRequest = string.Join('\n',
            "POST",
            endpoint.AbsolutePath,
            "",
            string.Concat(headers.Select(h => $"{h.Key}:{h.Value.Trim()}\n")),
            signedHeaders,
            Convert.ToHexStringLower(SHA256.HashData(body)));
        var result = AWS4Signer.ComputeSignature(credentials, region, signedAtUtc, service, signedHeaders, canonicalRequest);
        var signed = new Dictionary<string, string>
        {
            ["x-amz-date"] = amzDate,
            ["Authorization"] = result.ForAuthorizationHeader,
        };
        if (credentials.UseToken) signed["x-amz-security-token"] = credentials.Token;
        return signed;
    }
}
