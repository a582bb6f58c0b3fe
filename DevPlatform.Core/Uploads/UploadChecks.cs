using DevPlatform.Core.Common;

namespace DevPlatform.Core.Uploads;

/// <summary>What an upload's first bytes and declared type must satisfy before anything is stored.</summary>
public static class UploadChecks
{
    public const string ContentTypeField = "contentType";

    /// <summary>The content type to store the object with: the declared one (checked when recognisable), else the recognised one.</summary>
    /// <exception cref="ValidationFailedException">Empty, refused by the policy, or the declared type lies about the bytes.</exception>
    public static string ContentType(UploadPolicy policy, string? declared, ReadOnlySpan<byte> head)
    {
        if (head.IsEmpty) throw new ValidationFailedException(policy.Field, $"{policy.What} is empty.");
        var declaredType = FileTypes.Normalize(declared);
        if (declaredType is null && !string.IsNullOrWhiteSpace(declared))
            throw new ValidationFailedException(ContentTypeField, "contentType must be a media type such as image/png.");
        var detected = FileTypes.Detect(head);
        if (policy.AllowedTypes is { } allowed)
        {
            if (declaredType is not null && !allowed.Contains(declaredType))
                throw new ValidationFailedException(ContentTypeField, $"{policy.What} must be {policy.AllowedWords}; {declaredType} is not accepted.");
            if (detected is null || !allowed.Contains(detected))
                throw new ValidationFailedException(policy.Field, $"{policy.What} must be {policy.AllowedWords}, and its content is none of these.");
        }
        // Only a type we recognise can be caught lying: a .docx is a zip inside, so "zip content" proves nothing against it.
        if (declaredType is not null && FileTypes.Recognisable.Contains(declaredType) && detected != declaredType)
            throw new ValidationFailedException(ContentTypeField,
                $"contentType says {declaredType}, but the content is {(detected is null ? "not that type" : detected)}.");
        return declaredType ?? detected ?? FileTypes.Binary;
    }
}
