using DevPlatform.Core.Common;
using DevPlatform.Core.Schemas;
using DevPlatform.Tests.Infrastructure;

namespace DevPlatform.Tests.Core.Schemas;

/// <summary>The JSON text view: what it writes reads back as the same schema, and what cannot be read says where.</summary>
public sealed class SchemaTextTests
{
    [Fact]
    public void TheShopWrittenAsTextReadsBackAsTheSameSchema()
    {
        var input = SchemaInputs.From("Shop", TestSchemas.Shop());

        var text = SchemaText.Write(input);
        var (read, error) = SchemaText.Read(text);

        Assert.Null(error);
        Assert.Equal(DocumentJson.Serialize(SchemaRules.Normalize(input)), DocumentJson.Serialize(SchemaRules.Normalize(read!)));
        Assert.Contains("{ \"name\": \"email\", \"type\": \"string\", \"required\": true, \"maxLength\": 320, \"unique\": true }", text);
        Assert.Contains("{ \"name\": \"tags\", \"kind\": \"many-to-many\", \"target\": \"Tag\" }", text);
    }

    [Theory]
    [InlineData("{\n  \"name\": \"S\",\n  \"entities\": [ { \"name\": \"A\" ", 3, "Expected")]
    [InlineData("{ \"name\": \"S\", \"entities\": [ { \"name\": \"A\", \"fields\": [ { \"name\": \"x\", \"type\": \"float\" } ] } ] }", 1,
        "entities[0].fields[0].type must be one of string, text, int, long, decimal, bool, date, datetime, uuid, enum, json.")]
    [InlineData("{ \"name\": \"S\", \"entities\": [ { \"name\": \"A\", \"relations\": [ { \"name\": \"b\", \"kind\": \"one-to-one\" } ] } ] }", 1,
        "entities[0].relations[0].kind must be one of one-to-many, many-to-one, many-to-many.")]
    [InlineData("null", 1, "The text must be a JSON object")]
    [InlineData("{ \"name\": \"S\", \"entities\": { } }", 1, "entities must be a list in [ ].")]
    public void TextThatCannotBeReadSaysWhereAndWhy(string text, int line, string message)
    {
        var (schema, error) = SchemaText.Read(text);

        Assert.Null(schema);
        Assert.Equal(line, error!.Line);
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void CommentsTrailingCommasAndNumberDefaultsAreForgiven()
    {
        var (schema, error) = SchemaText.Read("""
            { // the shop
              "name": "S",
              "entities": [ { "name": "A", "fields": [ { "name": "n", "type": "int", "default": 0, }, ], }, ],
            }
            """);

        Assert.Null(error);
        Assert.Equal("0", schema!.Entities![0]!.Fields![0]!.Default);
    }
}
