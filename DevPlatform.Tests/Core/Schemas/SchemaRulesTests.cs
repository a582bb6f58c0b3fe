using DevPlatform.Core.Common;
using DevPlatform.Core.Schemas;
using DevPlatform.Tests.Infrastructure;

namespace DevPlatform.Tests.Core.Schemas;

/// <summary>The rules a schema keeps, with the field paths and words the editor and the API show.</summary>
public sealed class SchemaRulesTests
{
    private static FieldInput Field(string name, FieldType? type = FieldType.String, bool? required = null, int? maxLength = null, bool? unique = null,
        string? @default = null, IReadOnlyList<string?>? values = null) => new(name, type, required, maxLength, unique, @default, values);

    private static SchemaInput One(params FieldInput?[] fields) => new("Shop", [new EntityInput("Customer", fields)]);

    private static string? ErrorAt(SchemaInput input, string path) => SchemaRules.Check(input).TryGetValue(path, out var m) ? m[0] : null;

    [Fact]
    public void TheTenEntityShopKeepsEveryRuleAndNormalizesToItself()
    {
        var shop = TestSchemas.Shop();

        var (name, definition) = SchemaRules.Normalize(SchemaInputs.From("Shop", shop));

        Assert.Equal("Shop", name);
        Assert.Equal(DocumentJson.Serialize(shop with { Entities = shop.Entities.Select(e => e with { Relations = e.RelationList, Indexes = e.IndexList }).ToList() }),
            DocumentJson.Serialize(definition));
    }

    [Theory]
    [InlineData("", "entities[0].fields[0].name", "Field name is required.")]
    [InlineData("2fast", "entities[0].fields[0].name", "Field name '2fast' must start with a letter (a–z, A–Z) and hold only letters and digits.")]
    [InlineData("first_name", "entities[0].fields[0].name", "Field name 'first_name' must start with a letter (a–z, A–Z) and hold only letters and digits.")]
    [InlineData("Id", "entities[0].fields[0].name", "'Id' is the implicit primary key every entity has; choose another name.")]
    [InlineData("class", "entities[0].fields[0].name", "'class' is a reserved word in C# and TypeScript; choose another name.")]
    [InlineData("select", "entities[0].fields[0].name", "'select' is a reserved word in SQL; choose another name.")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "entities[0].fields[0].name", "Field name must be at most 40 characters.")]
    public void AFieldNameMustBeAUsableIdentifier(string name, string path, string message)
    {
        Assert.Equal(message, ErrorAt(One(Field(name)), path));
    }

    [Fact]
    public void NamesAreUniqueIgnoringCaseAcrossFieldsAndRelations()
    {
        var input = new SchemaInput("Shop",
        [
            new EntityInput("Customer", [Field("email"), Field("Email")], [new RelationInput("EMAIL", RelationKind.ManyToOne, "Customer")]),
            new EntityInput("customer", []),
        ]);

        var errors = SchemaRules.Check(input);

        Assert.Equal("Another field or relation of this entity is named 'Email' (names are compared ignoring case).", errors["entities[0].fields[1].name"][0]);
        Assert.StartsWith("Another field or relation of this entity is named 'EMAIL'", errors["entities[0].relations[0].name"][0]);
        Assert.Equal("Another entity is already named 'customer' (names are compared ignoring case).", errors["entities[1].name"][0]);
    }

    [Fact]
    public void AnEntityNamedAsTheSqlKeywordInOtherCaseIsAllowedButNotTheKeywordItself()
    {
        Assert.Empty(SchemaRules.Check(new SchemaInput("S", [new EntityInput("Order", [Field("total", FieldType.Decimal)])])));
        Assert.Equal("'order' is a reserved word in SQL; choose another name.",
            ErrorAt(new SchemaInput("S", [new EntityInput("order", [])]), "entities[0].name"));
    }

    [Theory]
    [InlineData(FieldType.Int, "12.5", "'12.5' is not a whole number between -2147483648 and 2147483647.")]
    [InlineData(FieldType.Int, "99999999999", "'99999999999' is not a whole number between -2147483648 and 2147483647.")]
    [InlineData(FieldType.Long, "x", "'x' is not a whole number between -9223372036854775808 and 9223372036854775807.")]
    [InlineData(FieldType.Decimal, "1e5", "'1e5' is not a decimal number such as 12.50.")]
    [InlineData(FieldType.Bool, "yes", "'yes' is not true or false.")]
    [InlineData(FieldType.Date, "01/02/2024", "'01/02/2024' is not a date written as yyyy-mm-dd.")]
    [InlineData(FieldType.DateTime, "2024-05-01 09:30", "'2024-05-01 09:30' is not a date and time written as yyyy-mm-ddThh:mm:ss with Z or an offset, such as 2024-05-01T09:30:00Z.")]
    [InlineData(FieldType.Uuid, "not-a-uuid", "'not-a-uuid' is not a uuid such as 0b9e4c2a-5f1d-4d8e-9a55-3c2f1e7d6b10.")]
    [InlineData(FieldType.Json, "{\"a\":", "The default is not valid JSON.")]
    public void ADefaultMustParseInTheFieldsType(FieldType type, string value, string message)
    {
        Assert.Equal(message, ErrorAt(One(Field("x", type, @default: value)), "entities[0].fields[0].default"));
    }

    [Theory]
    [InlineData(FieldType.Int, " 007 ", "7")]
    [InlineData(FieldType.Decimal, "-12.50", "-12.50")]
    [InlineData(FieldType.Bool, "TRUE", "true")]
    [InlineData(FieldType.DateTime, "2024-05-01T11:30:00+02:00", "2024-05-01T09:30:00Z")]
    [InlineData(FieldType.Uuid, "0B9E4C2A-5F1D-4D8E-9A55-3C2F1E7D6B10", "0b9e4c2a-5f1d-4d8e-9a55-3c2f1e7d6b10")]
    [InlineData(FieldType.String, " two spaces ", " two spaces ")]
    [InlineData(FieldType.Int, "  ", null)]
    public void DefaultsAreStoredInOneCanonicalForm(FieldType type, string value, string? stored)
    {
        var (_, definition) = SchemaRules.Normalize(One(Field("x", type, @default: value)));

        Assert.Equal(stored, definition.Entities[0].Fields[0].Default);
    }

    [Fact]
    public void AnEnumNeedsDistinctValidValuesAndItsDefaultAmongThem()
    {
        Assert.Equal("An enum field needs at least one value.", ErrorAt(One(Field("tier", FieldType.Enum)), "entities[0].fields[0].values"));
        Assert.Equal("Enum value 'Gold' is listed twice (values are compared ignoring case).",
            ErrorAt(One(Field("tier", FieldType.Enum, values: ["gold", "Gold"])), "entities[0].fields[0].values"));
        Assert.Equal("Enum value 'two words' must start with a letter and hold only letters, digits and _.",
            ErrorAt(One(Field("tier", FieldType.Enum, values: ["two words"])), "entities[0].fields[0].values"));
        Assert.Equal("'platinum' is not one of the values (standard, gold).",
            ErrorAt(One(Field("tier", FieldType.Enum, @default: "platinum", values: ["standard", "gold"])), "entities[0].fields[0].default"));
        Assert.Equal("Only an enum field has values.", ErrorAt(One(Field("tier", FieldType.String, values: ["a"])), "entities[0].fields[0].values"));
    }

    [Fact]
    public void MaxLengthIsForStringsOnlyAndWithinRange()
    {
        Assert.Equal("Only a string field has a maximum length (text is unbounded: use string for a bounded one).",
            ErrorAt(One(Field("bio", FieldType.Text, maxLength: 10)), "entities[0].fields[0].maxLength"));
        Assert.Equal("Maximum length must be between 1 and 10000.", ErrorAt(One(Field("name", maxLength: 10_001)), "entities[0].fields[0].maxLength"));
        Assert.Equal("The default is longer than the maximum length (2).", ErrorAt(One(Field("code", maxLength: 2, @default: "abc")), "entities[0].fields[0].default"));
    }

    [Fact]
    public void ATypeIsRequiredAndNamesTheWords()
    {
        Assert.Equal("Type is required: one of string, text, int, long, decimal, bool, date, datetime, uuid, enum, json.",
            ErrorAt(One(Field("x", type: null)), "entities[0].fields[0].type"));
    }

    [Fact]
    public void RelationsPointAtEntitiesThatExist()
    {
        var input = new SchemaInput("Shop",
        [
            new EntityInput("Order", [], [
                new RelationInput("customer", RelationKind.ManyToOne, "Client"),
                new RelationInput("lines", null, "Order"),
                new RelationInput("tags", RelationKind.ManyToMany, "Order", Required: true),
            ]),
        ]);

        var errors = SchemaRules.Check(input);

        Assert.Equal("No entity is named 'Client'.", errors["entities[0].relations[0].target"][0]);
        Assert.Equal("Kind is required: one of one-to-many, many-to-one, many-to-many.", errors["entities[0].relations[1].kind"][0]);
        Assert.Equal("Only a many-to-one relation can be required (it is the one that holds a key).", errors["entities[0].relations[2].required"][0]);
    }

    [Fact]
    public void IndexesListFieldsOrManyToOneKeysAndHaveNamesUniqueInTheWholeSchema()
    {
        var input = new SchemaInput("Shop",
        [
            new EntityInput("Customer", [Field("email"), Field("prefs", FieldType.Json)], [], [new IndexInput("ix_a", ["email"])]),
            new EntityInput("Order", [Field("total", FieldType.Decimal)], [new RelationInput("customer", RelationKind.ManyToOne, "Customer")],
            [
                new IndexInput("IX_A", ["customerId"]), new IndexInput("ix_b", ["total", "nope"]), new IndexInput("ix_c", ["TOTAL"]),
                new IndexInput("ix_d", ["total"]),
            ]),
            new EntityInput("Note", [Field("body", FieldType.Json)], [], [new IndexInput("ix_e", ["body"])]),
        ]);

        var errors = SchemaRules.Check(input);

        Assert.Equal("Another index is already named 'IX_A' (index names are shared by the whole database, ignoring case).", errors["entities[1].indexes[0].name"][0]);
        Assert.Equal("'nope' is not a field of Order (nor the key column of one of its many-to-one relations, such as customerId).",
            errors["entities[1].indexes[1].fields[1]"][0]);
        Assert.Equal("The index 'ix_c' already covers the same fields in the same order.", errors["entities[1].indexes[3].fields"][0]);
        Assert.Equal("'body' is a json field, which cannot be indexed.", errors["entities[2].indexes[0].fields[0]"][0]);
        Assert.False(errors.ContainsKey("entities[1].indexes[0].fields[0]"));
    }

    [Fact]
    public void AKeyColumnThatClashesWithAFieldIsRefusedOnTheRelationThatMakesIt()
    {
        var explicitKey = new SchemaInput("S",
            [new EntityInput("Customer", []), new EntityInput("Order", [Field("customerId", FieldType.Uuid)], [new RelationInput("customer", RelationKind.ManyToOne, "Customer")])]);
        var impliedKey = new SchemaInput("S",
            [new EntityInput("Customer", [], [new RelationInput("orders", RelationKind.OneToMany, "Order")]), new EntityInput("Order", [Field("customerId", FieldType.Uuid)])]);

        Assert.Equal("Its key column 'customerId' clashes with the field 'customerId' of Order; rename the relation or the field.",
            ErrorAt(explicitKey, "entities[1].relations[0].name"));
        Assert.StartsWith("Order has no single many-to-one relation back to Customer, so this relation gives Order a key column 'customerId'",
            ErrorAt(impliedKey, "entities[0].relations[0].name"));
    }

    [Fact]
    public void ALinkTableMayNotTakeAnEntitysName()
    {
        var input = new SchemaInput("S",
            [new EntityInput("Product", [], [new RelationInput("tags", RelationKind.ManyToMany, "Tag")]), new EntityInput("Tag", []), new EntityInput("ProductTags", [])]);

        Assert.Equal("Its link table would be named 'ProductTags', like the entity ProductTags; rename the relation.", ErrorAt(input, "entities[0].relations[0].name"));
    }

    [Fact]
    public void LimitsRefuseAHugeSchemaBeforeItIsStored()
    {
        var tooMany = new SchemaInput("Big", Enumerable.Range(0, SchemaRules.MaxEntities + 1).Select(i => (EntityInput?)new EntityInput($"E{i}", [])).ToList());
        var tooLarge = new SchemaInput("Big", Enumerable.Range(0, 150).Select(i => (EntityInput?)new EntityInput($"E{i}",
            Enumerable.Range(0, 150).Select(j => (FieldInput?)Field($"field{j}", @default: new string('x', 10))).ToList())).ToList());

        Assert.Equal($"A schema has at most {SchemaRules.MaxEntities} entities; this one has {SchemaRules.MaxEntities + 1}.", ErrorAt(tooMany, "entities"));
        Assert.StartsWith("The schema is too large to store", ErrorAt(tooLarge, "entities"));
        Assert.Throws<ValidationFailedException>(() => SchemaRules.Normalize(tooLarge));
    }

    [Fact]
    public void NullPartsAreRulesBrokenNotCrashes()
    {
        var input = new SchemaInput(null, [null, new EntityInput(null, [null], [null], [null])]);

        var errors = SchemaRules.Check(input);

        Assert.Equal(["name", "entities[0]", "entities[1].name", "entities[1].fields[0]", "entities[1].relations[0]", "entities[1].indexes[0]"], errors.Keys);
    }
}
