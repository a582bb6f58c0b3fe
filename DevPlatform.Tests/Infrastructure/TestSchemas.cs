using DevPlatform.Core.Schemas;
using F = DevPlatform.Core.Schemas.FieldType;
using static DevPlatform.Core.Schemas.RelationKind;

namespace DevPlatform.Tests.Infrastructure;

/// <summary>Schemas the schema and code-generation tests share.</summary>
public static class TestSchemas
{
    /// <summary>
    /// A shop of ten entities that uses every field type, every constraint and every relation kind (a self-relation
    /// included), with single-field, composite and unique indexes: what generated code must compile and run against.
    /// </summary>
    public static SchemaDefinition Shop() => new(
    [
        new("Customer",
            [
                new("email", F.String, Required: true, MaxLength: 320, Unique: true),
                new("displayName", F.String, Required: true, MaxLength: 100),
                new("bio", F.Text),
                new("birthDate", F.Date),
                new("isActive", F.Bool, Required: true, Default: "true"),
                new("tier", F.Enum, Required: true, Default: "standard", Values: ["standard", "gold", "platinum"]),
                new("preferences", F.Json),
            ],
            [new("orders", OneToMany, "Order"), new("addresses", OneToMany, "Address"), new("referredBy", ManyToOne, "Customer")],
            [new("ix_customer_tier", ["tier", "isActive"])]),
        new("Address",
            [
                new("line1", F.String, Required: true, MaxLength: 200),
                new("city", F.String, Required: true, MaxLength: 100),
                new("postcode", F.String, MaxLength: 20),
                new("country", F.String, Required: true, MaxLength: 2, Default: "PT"),
            ],
            [new("customer", ManyToOne, "Customer", Required: true)]),
        new("Category",
            [new("name", F.String, Required: true, MaxLength: 80, Unique: true), new("position", F.Int, Required: true, Default: "0")],
            [new("parent", ManyToOne, "Category"), new("products", OneToMany, "Product")]),
        new("Supplier",
            [new("name", F.String, Required: true, MaxLength: 120), new("externalRef", F.Uuid, Unique: true), new("rating", F.Decimal)],
            [new("products", OneToMany, "Product")]),
        new("Product",
            [
                new("sku", F.String, Required: true, MaxLength: 40, Unique: true),
                new("name", F.String, Required: true, MaxLength: 200),
                new("description", F.Text),
                new("price", F.Decimal, Required: true, Default: "0"),
                new("stock", F.Int, Required: true, Default: "0"),
                new("weightGrams", F.Long),
                new("attributes", F.Json),
            ],
            [new("category", ManyToOne, "Category", Required: true), new("supplier", ManyToOne, "Supplier"), new("tags", ManyToMany, "Tag")],
            [new("ix_product_name", ["name"]), new("ux_product_supplier_sku", ["supplierId", "sku"], Unique: true)]),
        new("Tag", [new("label", F.String, Required: true, MaxLength: 40, Unique: true)]),
        new("Order",
            [
                new("number", F.Long, Required: true, Unique: true),
                new("placedAt", F.DateTime, Required: true),
                new("status", F.Enum, Required: true, Default: "pending", Values: ["pending", "paid", "shipped", "cancelled"]),
                new("total", F.Decimal, Required: true),
                new("trackingId", F.Uuid),
                new("notes", F.Text),
            ],
            [new("customer", ManyToOne, "Customer", Required: true), new("lines", OneToMany, "OrderLine")],
            [new("ix_order_placed", ["customerId", "placedAt"])]),
        new("OrderLine",
            [new("quantity", F.Int, Required: true), new("unitPrice", F.Decimal, Required: true)],
            [new("order", ManyToOne, "Order", Required: true), new("product", ManyToOne, "Product", Required: true)]),
        new("Review",
            [
                new("rating", F.Int, Required: true),
                new("title", F.String, MaxLength: 120),
                new("body", F.Text),
                new("verified", F.Bool, Required: true, Default: "false"),
                new("postedOn", F.Date, Required: true),
            ],
            [new("product", ManyToOne, "Product", Required: true), new("author", ManyToOne, "Customer")]),
        new("Invoice",
            [
                new("issuedAt", F.DateTime, Required: true),
                new("dueOn", F.Date),
                new("amount", F.Decimal, Required: true),
                new("paid", F.Bool, Required: true, Default: "false"),
                new("lines", F.Json),
            ],
            [new("order", ManyToOne, "Order", Required: true)]),
    ]);
}
