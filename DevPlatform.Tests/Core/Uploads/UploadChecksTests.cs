using DevPlatform.Core.Common;
using DevPlatform.Core.Uploads;
using DevPlatform.Tests.Infrastructure;

namespace DevPlatform.Tests.Core.Uploads;

/// <summary>A file is what its bytes say, whatever the client declares; each refusal names the field and says why.</summary>
public sealed class UploadChecksTests
{
    public static TheoryData<string, byte[]> RecognisedFiles => new()
    {
        { FileTypes.Png, TestFiles.Png(100) },
        { FileTypes.Jpeg, TestFiles.Jpeg(100) },
        { FileTypes.WebP, TestFiles.WebP(100) },
        { FileTypes.Pdf, TestFiles.Pdf(100) },
        { FileTypes.Svg, TestFiles.Svg() },
        { FileTypes.Svg, "\uFEFF<!-- drawn by hand -->\n<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" \"x\">\n  <svg viewBox=\"0 0 1 1\"></svg>"u8.ToArray() },
        { FileTypes.Zip, [0x50, 0x4B, 0x03, 0x04, 1, 2, 3] },
    };

    [Theory]
    [MemberData(nameof(RecognisedFiles))]
    public void RecognisesAFileByItsFirstBytes(string type, byte[] content) => Assert.Equal(type, FileTypes.Detect(content));

    [Theory]
    [InlineData("<html><svg></svg></html>")]
    [InlineData("<svgfoo/>")]
    [InlineData("plain text")]
    public void TextThatMerelyMentionsSvgIsNotAnSvg(string text) => Assert.Null(FileTypes.Detect(System.Text.Encoding.UTF8.GetBytes(text)));

    [Theory]
    [InlineData("image/png", "image/png")]
    [InlineData("IMAGE/PNG; charset=binary", "image/png")]
    [InlineData(null, "image/png")]
    public void AnImageIsStoredAsItsRecognisedType(string? declared, string stored) =>
        Assert.Equal(stored, UploadChecks.ContentType(UploadPolicy.Diagram, declared, TestFiles.Png(64)));

    [Fact]
    public void ADeclaredTypeThatLiesAboutTheContentIsRefused()
    {
        var refused = Assert.Throws<ValidationFailedException>(() => UploadChecks.ContentType(UploadPolicy.Diagram, "image/png", TestFiles.Jpeg(64)));

        Assert.Equal("contentType says image/png, but the content is image/jpeg.", refused.Errors["contentType"].Single());
    }

    [Fact]
    public void ContentThatIsNoImageIsRefusedForADiagram()
    {
        var refused = Assert.Throws<ValidationFailedException>(() => UploadChecks.ContentType(UploadPolicy.Diagram, null, "<html>hi</html>"u8));

        Assert.Equal("The diagram must be PNG, JPEG, WebP or SVG, and its content is none of these.", refused.Errors["diagramData"].Single());
    }

    [Fact]
    public void ATypeThePolicyDoesNotAcceptIsRefusedByName()
    {
        var refused = Assert.Throws<ValidationFailedException>(() => UploadChecks.ContentType(UploadPolicy.ProfilePicture, "image/svg+xml", TestFiles.Svg()));

        Assert.Equal("The picture must be PNG, JPEG or WebP; image/svg+xml is not accepted.", refused.Errors["contentType"].Single());
    }

    [Fact]
    public void AnEmptyFileIsRefused()
    {
        var refused = Assert.Throws<ValidationFailedException>(() => UploadChecks.ContentType(UploadPolicy.Attachment, "text/plain", []));

        Assert.Equal("The file is empty.", refused.Errors["fileData"].Single());
    }

    [Fact]
    public void AnAttachmentOfAnUnrecognisedTypeKeepsItsDeclaredType() =>
        Assert.Equal("text/markdown", UploadChecks.ContentType(UploadPolicy.Attachment, "text/markdown", "# Notes"u8));

    [Fact]
    public void AnOfficeDocumentIsNotCalledALiarForBeingAZipInside() =>
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            UploadChecks.ContentType(UploadPolicy.Attachment, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", [0x50, 0x4B, 0x03, 0x04, 9]));

    [Fact]
    public void AnAttachmentDeclaredAsAPdfMustBeOne()
    {
        var refused = Assert.Throws<ValidationFailedException>(() => UploadChecks.ContentType(UploadPolicy.Attachment, "application/pdf", "just text"u8));

        Assert.Equal("contentType says application/pdf, but the content is not that type.", refused.Errors["contentType"].Single());
    }

    [Fact]
    public void ADeclaredTypeThatIsNoMediaTypeIsRefused() =>
        Assert.Contains("contentType", Assert.Throws<ValidationFailedException>(() => UploadChecks.ContentType(UploadPolicy.Attachment, "not a type", "x"u8)).Errors);
}
