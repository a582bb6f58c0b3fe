using DevPlatform.Core.Common;
using DevPlatform.Core.Teams;

namespace DevPlatform.Tests.Core.Common;

/// <summary>Names that look blank or like another name are refused; real scripts and emoji are not.</summary>
public sealed class TextRulesTests
{
    [Theory]
    [InlineData("\u3164")]          // Hangul filler: the name looks blank
    [InlineData("\u2800")]          // blank Braille pattern
    [InlineData("Acme\u00AD")]      // soft hyphen
    [InlineData("Acme\u200E")]      // left-to-right mark
    [InlineData("\u200FAcme")]      // right-to-left mark
    [InlineData("Ac\u034Fme")]      // combining grapheme joiner
    [InlineData("Acme\u061C")]      // Arabic letter mark
    [InlineData("Acme\u2061")]      // invisible function application
    [InlineData("Acme\U000E0001")]  // language tag
    [InlineData("Acme\uFFF9")]      // interlinear annotation
    [InlineData("\u115F\u1160")]    // Hangul fillers
    [InlineData("txt\u202Eexe")]    // right-to-left override
    public void InvisibleAndDirectionCharactersAreHidden(string text)
    {
        Assert.True(TextRules.HasHiddenCharacters(text));
        Assert.NotNull(TeamRules.CheckName(text));
    }

    [Theory]
    [InlineData("Équipe Café")]
    [InlineData("チーム")]
    [InlineData("فريق")]
    [InlineData("👩‍💻 Devs")]      // zero-width joiner inside an emoji
    [InlineData("मेरी टीम")]        // Devanagari with combining marks
    public void RealScriptsAndEmojiAreNot(string text)
    {
        Assert.False(TextRules.HasHiddenCharacters(text));
        Assert.Null(TeamRules.CheckName(text));
    }
}
