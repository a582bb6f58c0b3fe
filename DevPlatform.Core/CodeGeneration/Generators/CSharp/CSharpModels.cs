using DevPlatform.Core.Schemas;

namespace DevPlatform.Core.CodeGeneration.Generators.CSharp;

/// <summary>Models/{Entity}.cs: the record the API returns and the input record a create or an update sends.</summary>
internal static class CSharpModels
{
    public static GeneratedFile File(string root, string ns, EntityLayout entity)
    {
        var w = new CodeWriter();
        if (entity.Fields.Any(f => f.Type == FieldType.Json)) w.Line("using System.Text.Json;");
        w.Line($"namespace {ns}.Models;").Line();
        var name = Naming.Pascal(entity.Name);
        w.Line($"/// <summary>A {entity.Name} as the API returns it. Its key is a UUID the API assigns.</summary>");
        w.Line($"public sealed record {name}(");
        w.Indent();
        var properties = new List<string> { "Guid Id" };
        properties.AddRange(entity.Columns.Select(c => $"{CSharpTypes.RecordType(c)} {Naming.Pascal(c.Name)}"));
        properties.AddRange(entity.Links.Select(l => $"IReadOnlyList<Guid> {Naming.Pascal(l.IdsProperty)}"));
        WriteParameters(w, properties);
        w.Outdent();
        // Fully qualified: an entity may be named like a type of the project ("Store").
        w.Line($"    : global::{ns}.Data.IEntity;").Line();

        w.Line($"/// <summary>What a create or an update of a {entity.Name} sends; every value is checked by {name}Endpoints.</summary>");
        w.Line($"public sealed record {name}Input(");
        w.Indent();
        var inputs = entity.Columns.Select(c => $"{CSharpTypes.InputType(c)} {Naming.Pascal(c.Name)}")
            .Concat(entity.Links.Select(l => $"IReadOnlyList<Guid>? {Naming.Pascal(l.IdsProperty)}")).ToList();
        WriteParameters(w, inputs.Select(p => p + " = null").ToList());
        w.Outdent();
        w.Line(";");
        return new GeneratedFile($"{root}/Models/{name}.cs", w.ToString());
    }

    private static void WriteParameters(CodeWriter w, IReadOnlyList<string> parameters)
    {
        if (parameters.Count == 0) w.Line(")");
        for (var i = 0; i < parameters.Count; i++) w.Line(parameters[i] + (i < parameters.Count - 1 ? "," : ")"));
    }
}
