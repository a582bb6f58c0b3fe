using DevPlatform.Core.Schemas;

namespace DevPlatform.Core.CodeGeneration.Generators.CSharp;

/// <summary>
/// Endpoints/{Entity}Endpoints.cs: list, get, create, update and delete, with every rule of the schema checked before
/// anything is stored — 400 with the broken rules per field, 404 for an unknown id, 409 for a duplicate of a unique
/// value or a delete of something others still point at.
/// </summary>
internal static class CSharpEndpoints
{
    public static GeneratedFile File(string root, string ns, SchemaLayout layout, EntityLayout entity)
    {
        var name = Naming.Pascal(entity.Name);
        var set = "store." + Naming.Plural(name);
        var route = "/api/" + Naming.Route(entity.Name);
        var w = new CodeWriter();
        if (entity.Fields.Any(f => f.Type is FieldType.DateTime && f.Default is not null)) w.Line("using System.Globalization;");
        if (entity.Fields.Any(f => f.Type == FieldType.Json)) w.Line("using System.Text.Json;");
        // The store under an alias: an entity may itself be called "Store".
        w.Lines(["using Microsoft.AspNetCore.Http.HttpResults;", $"using {ns}.Models;", $"using DataStore = global::{ns}.Data.Store;", "",
            $"namespace {ns}.Endpoints;", ""]);
        w.Line($"/// <summary>{route}: the {entity.Name} records.</summary>");
        using (w.Block($"public static class {name}Endpoints"))
        {
            foreach (var field in entity.Fields.Where(f => f.Type == FieldType.Enum))
                w.Line($"private static readonly string[] {Naming.Pascal(field.Name)}Values = [{string.Join(", ", (field.Values ?? []).Select(Naming.CSharpString))}];");
            if (entity.Fields.Any(f => f.Type == FieldType.Enum)) w.Line();
            using (w.Block($"public static IEndpointRouteBuilder Map{name}Endpoints(this IEndpointRouteBuilder routes)"))
            {
                w.Line($"var group = routes.MapGroup({Naming.CSharpString(route)}).WithTags({Naming.CSharpString(entity.Name)});");
                w.Line("group.MapGet(\"/\", List);");
                w.Line("group.MapGet(\"/{id:guid}\", Get);");
                w.Line("group.MapPost(\"/\", Create);");
                w.Line("group.MapPut(\"/{id:guid}\", Update);");
                w.Line("group.MapDelete(\"/{id:guid}\", Delete);");
                w.Line("return routes;");
            }
            w.Line();
            WriteList(w, name, set);
            WriteGet(w, name, set, entity.Name);
            WriteCreate(w, name, set, route);
            WriteUpdate(w, name, set, entity.Name);
            WriteDelete(w, layout, name, set, entity.Name);
            WriteValidate(w, entity, name);
            WriteConflict(w, entity, name, set);
            WriteToRecord(w, entity, name);
        }
        return new GeneratedFile($"{root}/Endpoints/{name}Endpoints.cs", w.ToString());
    }

    private static void WriteList(CodeWriter w, string name, string set)
    {
        w.Line("/// <summary>A page of records in the order they were created.</summary>");
        using (w.Block($"private static Results<Ok<List<{name}>>, ValidationProblem> List(DataStore store, int? offset, int? limit)"))
        {
            w.Line("var errors = new ValidationErrors();");
            w.Line("if (offset < 0) errors.Add(\"offset\", \"offset must be 0 or more.\");");
            w.Line("if (limit is < 1 or > 1000) errors.Add(\"limit\", \"limit must be between 1 and 1000.\");");
            w.Line("if (errors.Any) return errors.Problem();");
            w.Line($"lock (store.Gate) return TypedResults.Ok({set}.All.Skip(offset ?? 0).Take(limit ?? 100).ToList());");
        }
        w.Line();
    }

    private static void WriteGet(CodeWriter w, string name, string set, string entity)
    {
        using (w.Block($"private static Results<Ok<{name}>, ProblemHttpResult> Get(Guid id, DataStore store)"))
        {
            w.Line($"lock (store.Gate) return {set}.Find(id) is {{ }} found ? TypedResults.Ok(found) : Problems.NotFound({Naming.CSharpString(entity)}, id);");
        }
        w.Line();
    }

    private static void WriteCreate(CodeWriter w, string name, string set, string route)
    {
        using (w.Block($"private static Results<Created<{name}>, ValidationProblem, ProblemHttpResult> Create({name}Input input, DataStore store)"))
        using (w.Block("lock (store.Gate)"))
        {
            w.Line("var errors = Validate(input, store);");
            w.Line("if (errors.Any) return errors.Problem();");
            w.Line("var record = ToRecord(Guid.CreateVersion7(), input);");
            w.Line("if (Conflict(record, store) is { } conflict) return conflict;");
            w.Line($"{set}.Put(record);");
            w.Line($"return TypedResults.Created($\"{route}/{{record.Id}}\", record);");
        }
        w.Line();
    }

    private static void WriteUpdate(CodeWriter w, string name, string set, string entity)
    {
        w.Line("/// <summary>Replaces the record: values left out take their default, or are empty when there is none.</summary>");
        using (w.Block($"private static Results<Ok<{name}>, ValidationProblem, ProblemHttpResult> Update(Guid id, {name}Input input, DataStore store)"))
        using (w.Block("lock (store.Gate)"))
        {
            w.Line($"if (!{set}.Contains(id)) return Problems.NotFound({Naming.CSharpString(entity)}, id);");
            w.Line("var errors = Validate(input, store);");
            w.Line("if (errors.Any) return errors.Problem();");
            w.Line("var record = ToRecord(id, input);");
            w.Line("if (Conflict(record, store) is { } conflict) return conflict;");
            w.Line($"{set}.Put(record);");
            w.Line("return TypedResults.Ok(record);");
        }
        w.Line();
    }

    private static void WriteDelete(CodeWriter w, SchemaLayout layout, string name, string set, string entity)
    {
        w.Line("/// <summary>Refused while other records point at this one, as the foreign keys of the SQL schema refuse it.</summary>");
        using (w.Block("private static Results<NoContent, ProblemHttpResult> Delete(Guid id, DataStore store)"))
        using (w.Block("lock (store.Gate)"))
        {
            w.Line($"if (!{set}.Contains(id)) return Problems.NotFound({Naming.CSharpString(entity)}, id);");
            foreach (var (from, key) in layout.KeysTo(entity))
            {
                var self = from.Name == entity ? "r.Id != id && " : "";
                w.Line($"if (store.{Naming.Plural(Naming.Pascal(from.Name))}.All.Any(r => {self}r.{Naming.Pascal(key.Column)} == id))");
                w.Line($"    return Problems.InUse({Naming.CSharpString(entity)}, {Naming.CSharpString(from.Name + "." + key.Column)});");
            }
            foreach (var link in layout.LinksTo(entity))
            {
                w.Line($"if (store.{Naming.Plural(Naming.Pascal(link.Owner))}.All.Any(r => r.{Naming.Pascal(link.IdsProperty)}.Contains(id)))");
                w.Line($"    return Problems.InUse({Naming.CSharpString(entity)}, {Naming.CSharpString(link.Owner + "." + link.IdsProperty)});");
            }
            w.Line($"{set}.Remove(id);");
            w.Line("return TypedResults.NoContent();");
        }
        w.Line();
    }

    private static void WriteValidate(CodeWriter w, EntityLayout entity, string name)
    {
        using (w.Block($"private static ValidationErrors Validate({name}Input input, DataStore store)"))
        {
            w.Line("var errors = new ValidationErrors();");
            foreach (var field in entity.Fields) WriteFieldRules(w, field);
            foreach (var key in entity.ForeignKeys)
            {
                var value = "input." + Naming.Pascal(key.Column);
                var target = "store." + Naming.Plural(Naming.Pascal(key.Target));
                var json = Naming.CSharpString(key.Column);
                var local = Naming.Camel(key.Column) + "Value";
                if (key.Required) w.Line($"if ({value} is null) errors.Add({json}, {Naming.CSharpString(key.Column + " is required.")});");
                w.Line($"if ({value} is {{ }} {local} && !{target}.Contains({local})) errors.Add({json}, $\"No {key.Target} has the id {{{local}}}.\");");
            }
            foreach (var link in entity.Links)
            {
                var value = "input." + Naming.Pascal(link.IdsProperty);
                var target = "store." + Naming.Plural(Naming.Pascal(link.Target));
                w.Line($"foreach (var id in {value} ?? [])");
                w.Line($"    if (!{target}.Contains(id)) errors.Add({Naming.CSharpString(link.IdsProperty)}, $\"No {link.Target} has the id {{id}}.\");");
            }
            w.Line("return errors;");
        }
        w.Line();
    }

    private static void WriteFieldRules(CodeWriter w, SchemaField field)
    {
        var value = "input." + Naming.Pascal(field.Name);
        var json = Naming.CSharpString(field.Name);
        var isText = field.Type is FieldType.String or FieldType.Text or FieldType.Enum;
        if (field.Required && field.Default is null)
        {
            var missing = field.Type == FieldType.Json ? $"{value} is null || {value}.GetValueOrDefault().ValueKind == JsonValueKind.Null"
                : isText ? $"string.IsNullOrWhiteSpace({value})" : $"{value} is null";
            w.Line($"if ({missing}) errors.Add({json}, {Naming.CSharpString(field.Name + " is required.")});");
        }
        else if (field.Required && isText)
            w.Line($"if ({value} is not null && string.IsNullOrWhiteSpace({value})) errors.Add({json}, {Naming.CSharpString(field.Name + " must not be empty.")});");
        if (field.Type == FieldType.String && field.MaxLength is { } max)
            w.Line($"if ({value} is {{ Length: > {max} }}) errors.Add({json}, {Naming.CSharpString($"{field.Name} must be at most {max} characters.")});");
        if (field.Type == FieldType.Enum)
            w.Line($"if ({value} is not null && !{Naming.Pascal(field.Name)}Values.Contains({value})) errors.Add({json}, "
                + Naming.CSharpString($"{field.Name} must be one of: {string.Join(", ", field.Values ?? [])}.") + ");");
    }

    private static void WriteConflict(CodeWriter w, EntityLayout entity, string name, string set)
    {
        w.Line("/// <summary>A unique value (or combination) another record holds already; nulls never clash, as in SQL.</summary>");
        using (w.Block($"private static ProblemHttpResult? Conflict({name} record, DataStore store)"))
        {
            var uniques = entity.Fields.Where(f => f.Unique).Select(f => (IReadOnlyList<string>)[f.Name])
                .Concat(entity.Entity.IndexList.Where(i => i.Unique).Select(i => i.Fields));
            foreach (var columns in uniques)
            {
                foreach (var column in columns)
                    if (entity.FindColumn(column) is null)
                        throw new CodeGenerationException($"{entity.Name}: the index names '{column}', which is not a field or key column of it.");
                var nullable = columns.Where(c => CSharpTypes.RecordType(entity.FindColumn(c)!).EndsWith('?'))
                    .Select(c => $"record.{Naming.Pascal(c)} is not null && ");
                var same = string.Join(" && ", columns.Select(c => $"r.{Naming.Pascal(c)} == record.{Naming.Pascal(c)}"));
                w.Line($"if ({string.Concat(nullable)}{set}.All.Any(r => r.Id != record.Id && {same}))");
                w.Line($"    return Problems.Duplicate({Naming.CSharpString(entity.Name)}, {Naming.CSharpString(string.Join(", ", columns))});");
            }
            w.Line("return null;");
        }
        w.Line();
    }

    private static void WriteToRecord(CodeWriter w, EntityLayout entity, string name)
    {
        w.Line("/// <summary>The record from input that passed Validate: missing values take their defaults.</summary>");
        w.Line($"private static {name} ToRecord(Guid id, {name}Input input) => new(");
        w.Indent();
        var values = new List<string> { "id" };
        foreach (var column in entity.Columns)
        {
            var value = "input." + Naming.Pascal(column.Name);
            var field = column.Field;
            var fallback = field is null ? null : FieldDefaults.Of(entity.Name, field);
            var valueType = field is null || CSharpTypes.IsValueType(field.Type);
            values.Add(fallback is not null ? $"{value} ?? {CSharpTypes.Literal(field!.Type, fallback)}"
                : column.Required ? (valueType ? $"{value}.GetValueOrDefault()" : value + "!")
                : value);
        }
        values.AddRange(entity.Links.Select(l => $"(input.{Naming.Pascal(l.IdsProperty)} ?? []).Distinct().ToList()"));
        for (var i = 0; i < values.Count; i++) w.Line(values[i] + (i < values.Count - 1 ? "," : ");"));
        w.Outdent();
    }
}
