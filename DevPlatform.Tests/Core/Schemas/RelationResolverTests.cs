using DevPlatform.Core.Schemas;
using DevPlatform.Tests.Infrastructure;

namespace DevPlatform.Tests.Core.Schemas;

/// <summary>What relations mean in tables: the one answer the generators and the ER diagram share.</summary>
public sealed class RelationResolverTests
{
    private static readonly RelationMap Shop = RelationResolver.Resolve(TestSchemas.Shop());

    [Fact]
    public void AManyToOneIsAKeyColumnNamedAfterTheRelation()
    {
        Assert.Equal(new ForeignKeyColumn("OrderLine", "orderId", "Order", true, "order", "lines"), Shop.ForeignKeyOf("OrderLine", "order"));
        Assert.Equal(new ForeignKeyColumn("Customer", "referredById", "Customer", false, "referredBy", null), Shop.ForeignKeyOf("Customer", "referredBy"));
    }

    [Fact]
    public void AOneToManyIsTheInverseOfTheTargetsSingleManyToOneBack()
    {
        Assert.Equal(new ForeignKeyColumn("Order", "customerId", "Customer", true, "customer", "orders"), Shop.ForeignKeyOf("Customer", "orders"));
        Assert.Equal(new ForeignKeyColumn("Product", "categoryId", "Category", true, "category", "products"), Shop.ForeignKeyOf("Category", "products"));
        Assert.Equal(["customerId"], Shop.ForeignKeysOf("Order").Select(k => k.Column));
    }

    [Fact]
    public void AOneToManyWithoutASingleManyToOneBackGivesTheTargetAKeyColumn()
    {
        var schema = new SchemaDefinition(
        [
            new SchemaEntity("Author", [], [new SchemaRelation("posts", RelationKind.OneToMany, "Post")]),
            new SchemaEntity("Post", [new SchemaField("title", FieldType.String)],
                [new SchemaRelation("writer", RelationKind.ManyToOne, "Author"), new SchemaRelation("editor", RelationKind.ManyToOne, "Author")]),
        ]);

        var map = RelationResolver.Resolve(schema);

        Assert.Equal(new ForeignKeyColumn("Post", "authorId", "Author", false, null, "posts"), map.ForeignKeyOf("Author", "posts"));
        Assert.Equal(["writerId", "editorId", "authorId"], map.ForeignKeysOf("Post").Select(k => k.Column));
    }

    [Fact]
    public void AManyToManyIsALinkTableAndTwoSidesOfOneRelationShareIt()
    {
        Assert.Equal(new LinkTable("ProductTags", "Product", "productId", "Tag", "tagId", "tags", null), Shop.LinkTableOf("Product", "tags"));

        var both = RelationResolver.Resolve(new SchemaDefinition(
        [
            new SchemaEntity("Student", [], [new SchemaRelation("courses", RelationKind.ManyToMany, "Course")]),
            new SchemaEntity("Course", [], [new SchemaRelation("students", RelationKind.ManyToMany, "Student")]),
            new SchemaEntity("Person", [], [new SchemaRelation("friends", RelationKind.ManyToMany, "Person")]),
        ]));

        Assert.Equal(2, both.LinkTables.Count);
        Assert.Equal(new LinkTable("StudentCourses", "Student", "studentId", "Course", "courseId", "courses", "students"), both.LinkTableOf("Course", "students"));
        Assert.Equal(new LinkTable("PersonFriends", "Person", "personId", "Person", "friendsId", "friends", null), both.LinkTableOf("Person", "friends"));
    }
}
