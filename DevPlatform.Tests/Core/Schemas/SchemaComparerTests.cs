using DevPlatform.Core.Schemas;
using DevPlatform.Tests.Infrastructure;
using F = DevPlatform.Core.Schemas.FieldType;

namespace DevPlatform.Tests.Core.Schemas;

/// <summary>The diff between two versions, and which changes it flags as breaking.</summary>
public sealed class SchemaComparerTests
{
    private static SchemaDefinition One(params SchemaField[] fields) => new([new SchemaEntity("Customer", fields, [], [])]);

    private static SchemaChange OnlyChange(SchemaDefinition before, SchemaDefinition after) => Assert.Single(SchemaComparer.Between(1, "S", before, 2, "S", after).Changes);

    [Theory]
    [InlineData(F.Long, F.Int, "narrowed type long → int")]
    [InlineData(F.Text, F.String, "narrowed type text → string")]
    [InlineData(F.Decimal, F.Int, "narrowed type decimal → int")]
    [InlineData(F.DateTime, F.Date, "narrowed type datetime → date")]
    [InlineData(F.Bool, F.Int, "changed type bool → int: existing values may not convert")]
    [InlineData(F.Int, F.Long, null)]
    [InlineData(F.String, F.Text, null)]
    [InlineData(F.Int, F.Decimal, null)]
    public void ATypeChangeBreaksUnlessItWidens(F from, F to, string? breaking)
    {
        var change = OnlyChange(One(new SchemaField("n", from)), One(new SchemaField("n", to)));

        Assert.Equal(new PropertyChange("type", SchemaWords.Of(from), SchemaWords.Of(to)), Assert.Single(change.Changes));
        Assert.Equal(breaking is null ? [] : [breaking], change.Breaking);
    }

    [Fact]
    public void TighteningAFieldBreaksAndLooseningItDoesNot()
    {
        var loose = One(new SchemaField("email", F.String, MaxLength: 320), new SchemaField("code", F.String));
        var tight = One(new SchemaField("email", F.String, Required: true, MaxLength: 100, Unique: true), new SchemaField("code", F.String, MaxLength: 8));

        var tighter = SchemaComparer.Between(1, "S", loose, 2, "S", tight);
        var looser = SchemaComparer.Between(2, "S", tight, 3, "S", loose);

        Assert.Equal(["made required without a default: existing rows may have no value", "made unique: existing duplicates would be refused",
            "maximum length reduced from 320 to 100: longer values would not fit"], tighter.Changes[0].Breaking);
        Assert.Equal(["maximum length set to 8: longer values would not fit"], tighter.Changes[1].Breaking);
        Assert.False(looser.HasBreakingChanges);
        Assert.Equal(2, looser.Changes.Count);
    }

    [Fact]
    public void MadeRequiredWithADefaultDoesNotBreak()
    {
        var change = OnlyChange(One(new SchemaField("active", F.Bool)), One(new SchemaField("active", F.Bool, Required: true, Default: "true")));

        Assert.False(change.IsBreaking);
        Assert.Equal(["required", "default"], change.Changes.Select(c => c.Property));
    }

    [Fact]
    public void RemovingEnumValuesBreaksAndAddingOneDoesNot()
    {
        var before = One(new SchemaField("tier", F.Enum, Values: ["standard", "gold", "platinum"]));

        var removed = OnlyChange(before, One(new SchemaField("tier", F.Enum, Values: ["standard"])));
        var added = OnlyChange(before, One(new SchemaField("tier", F.Enum, Values: ["standard", "gold", "platinum", "diamond"])));

        Assert.Equal(["enum values removed: gold, platinum"], removed.Breaking);
        Assert.False(added.IsBreaking);
    }

    [Fact]
    public void EverythingRemovedBreaksButAnIndexAndAddedEntitiesListTheirParts()
    {
        var shop = TestSchemas.Shop();
        var smaller = new SchemaDefinition(
        [
            .. shop.Entities.Where(e => e.Name is not ("Invoice" or "Tag"))
                .Select(e => e.Name == "Product" ? e with { Relations = e.RelationList.Where(r => r.Name != "tags").ToList(), Indexes = [] } : e)
                .Select(e => e.Name == "Review" ? e with { Fields = e.Fields.Where(f => f.Name != "title").ToList() } : e),
            new SchemaEntity("Coupon", [new SchemaField("code", F.String, Required: true, MaxLength: 20)], [], []),
        ]);

        var diff = SchemaComparer.Between(1, "Shop", shop, 2, "Shop", smaller);

        Assert.Equal(
        [
            "Added entity Coupon", "Added field Coupon.code", "Removed entity Invoice", "Removed entity Tag", "Removed field Review.title",
            "Removed index Product.ix_product_name", "Removed index Product.ux_product_supplier_sku", "Removed relation Product.tags",
        ], diff.Changes.Select(c => $"{c.Kind} {c.Part.ToString().ToLowerInvariant()} {c.Path}").Order());
        Assert.Equal(["Invoice", "Product.tags", "Review.title", "Tag"], diff.Changes.Where(c => c.IsBreaking).Select(c => c.Path).Order(StringComparer.Ordinal));
        Assert.Equal(4, diff.BreakingCount);
        Assert.Equal("string(20), required", diff.Changes.Single(c => c.Path == "Coupon.code").Summary);
    }

    [Fact]
    public void ARequiredFieldOrRelationAddedToAnExistingEntityBreaksOnlyWithoutADefault()
    {
        var before = new SchemaDefinition([new SchemaEntity("Customer", [], [], []), new SchemaEntity("Order", [], [], [])]);
        var after = new SchemaDefinition(
        [
            new SchemaEntity("Customer", [new SchemaField("email", F.String, Required: true), new SchemaField("active", F.Bool, Required: true, Default: "true")], [], []),
            new SchemaEntity("Order", [], [new SchemaRelation("customer", RelationKind.ManyToOne, "Customer", Required: true)], []),
        ]);

        var diff = SchemaComparer.Between(1, "S", before, 2, "S", after);

        Assert.Equal(["Customer.email", "Order.customer"], diff.Changes.Where(c => c.IsBreaking).Select(c => c.Path));
    }

    [Fact]
    public void RelationAndIndexChangesAreNamedAndTighteningOnesBreak()
    {
        var before = new SchemaDefinition(
        [
            new SchemaEntity("Customer", [new SchemaField("email", F.String), new SchemaField("tenant", F.String)], [], [new SchemaIndex("ix_email", ["email"])]),
            new SchemaEntity("Order", [], [new SchemaRelation("customer", RelationKind.ManyToOne, "Customer")], []),
        ]);
        var after = new SchemaDefinition(
        [
            new SchemaEntity("Customer", [new SchemaField("email", F.String), new SchemaField("tenant", F.String)], [], [new SchemaIndex("ix_email", ["tenant", "email"], Unique: true)]),
            new SchemaEntity("Order", [], [new SchemaRelation("customer", RelationKind.ManyToOne, "Customer", Required: true)], []),
        ]);

        var diff = SchemaComparer.Between(1, "S", before, 2, "S", after);

        var index = diff.Changes.Single(c => c.Part == SchemaPart.Index);
        Assert.Equal([new PropertyChange("fields", "email", "tenant, email"), new PropertyChange("unique", "no", "yes")], index.Changes);
        Assert.Equal(["made unique: existing duplicates would be refused"], index.Breaking);
        Assert.Equal(["made required: existing rows may have no key"], diff.Changes.Single(c => c.Part == SchemaPart.Relation).Breaking);
    }

    [Fact]
    public void ARenamedSchemaIsAChangeOfNameAndTheSameVersionHasNoDifferences()
    {
        var shop = TestSchemas.Shop();

        Assert.Equal(new PropertyChange("name", "Shop", "Store"), Assert.Single(Assert.Single(SchemaComparer.Between(1, "Shop", shop, 2, "Store", shop).Changes).Changes));
        Assert.True(SchemaComparer.Between(1, "Shop", shop, 1, "Shop", shop).IsEmpty);
    }
}
