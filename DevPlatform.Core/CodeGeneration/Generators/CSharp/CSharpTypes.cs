using System.Globalization;
using System.Text.Json;
using DevPlatform.Core.Schemas;

namespace DevPlatform.Core.CodeGeneration.Generators.CSharp;

/// <summary>How schema types and defaults are written in C#.</summary>
internal static class CSharpTypes
{
    /// <summary>The property's type without nullability: enums are strings checked against their values.</summary>
    public static string Of(FieldType type) => type switch
    {
        FieldType.String or FieldType.Text or FieldType.Enum => "string",
        FieldType.Int => "int",
        FieldType.Long => "long",
        FieldType.Decimal => "decimal",
        FieldType.Bool => "bool",
        FieldType.Date => "DateOnly",
        FieldType.DateTime => "DateTimeOffset",
        FieldType.Uuid => "Guid",
        FieldType.Json => "JsonElement",
        _ => throw new CodeGenerationException($"The field type {type} has no C# type."),
    };

    public static bool IsValueType(FieldType type) => type is not (FieldType.String or FieldType.Text or FieldType.Enum);

    /// <summary>A column's type on the returned record: nullable unless required or always defaulted.</summary>
    public static string RecordType(Column column) => column.Field is { } field
        ? Of(field.Type) + (field.Required || field.Default is not null ? "" : "?")
        : "Guid" + (column.Required ? "" : "?");

    /// <summary>On the input record every value may be missing, so the handler can answer what is missing rather than fail to bind.</summary>
    public static string InputType(Column column) => (column.Field is { } field ? Of(field.Type) : "Guid") + "?";

    /// <summary>The default as a C# expression of the field's type.</summary>
    public static string Literal(FieldType type, object value) => value switch
    {
        string text => Naming.CSharpString(text),
        long number when type == FieldType.Int => number.ToString(CultureInfo.InvariantCulture),
        long number => number.ToString(CultureInfo.InvariantCulture) + "L",
        decimal number => number.ToString(CultureInfo.InvariantCulture) + "m",
        bool flag => flag ? "true" : "false",
        DateOnly date => $"new DateOnly({date.Year}, {date.Month}, {date.Day})",
        DateTimeOffset at => $"DateTimeOffset.Parse({Naming.CSharpString(FieldDefaults.Iso(at))}, CultureInfo.InvariantCulture)",
        Guid id => $"Guid.Parse({Naming.CSharpString(id.ToString("D"))})",
        JsonElement json => $"JsonSerializer.Deserialize<JsonElement>({Naming.CSharpString(json.GetRawText())})",
        _ => throw new CodeGenerationException($"A default of type {value.GetType().Name} has no C# literal."),
    };
}
