namespace DevPlatform.Core.CodeGeneration.Generators.CSharp;

/// <summary>The project's fixed pieces: project file, Program.cs, the store, problem answers and .gitignore.</summary>
internal static class CSharpSupport
{
    public static GeneratedFile ProjectFile(string root, string ns) => new($"{root}/{ns}.csproj", new CodeWriter("  ").Lines([
        "<Project Sdk=\"Microsoft.NET.Sdk.Web\">",
        "  <!-- No package references: everything used is part of the ASP.NET Core shared framework. -->",
        "  <PropertyGroup>",
        "    <TargetFramework>net10.0</TargetFramework>",
        "    <Nullable>enable</Nullable>",
        "    <ImplicitUsings>enable</ImplicitUsings>",
        $"    <RootNamespace>{ns}</RootNamespace>",
        "    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>",
        "    <InvariantGlobalization>true</InvariantGlobalization>",
        "  </PropertyGroup>",
        "</Project>",
    ]).ToString());

    public static GeneratedFile Program(string root, string ns, SchemaLayout layout)
    {
        var w = new CodeWriter();
        w.Lines([$"using {ns}.Endpoints;", "", "var builder = WebApplication.CreateBuilder(args);"]);
        w.Line("// Every error answer is problem details (RFC 9457), unreadable bodies included, in every environment.");
        w.Line("builder.Services.AddProblemDetails();");
        w.Line("builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = false);");
        w.Line($"builder.Services.AddSingleton<global::{ns}.Data.Store>();");
        w.Line();
        w.Line("var app = builder.Build();");
        w.Line("app.UseExceptionHandler();");
        w.Line("app.UseStatusCodePages();");
        w.Line();
        w.Line("app.MapGet(\"/health\", () => TypedResults.Ok(new { status = \"Healthy\" }));");
        foreach (var entity in layout.Entities) w.Line($"app.Map{Naming.Pascal(entity.Name)}Endpoints();");
        w.Line();
        w.Line("app.Run();");
        return new GeneratedFile($"{root}/Program.cs", w.ToString());
    }

    public static GeneratedFile Store(string root, string ns, SchemaLayout layout)
    {
        var w = new CodeWriter();
        w.Lines([$"namespace {ns}.Data;", ""]);
        w.Line("/// <summary>");
        w.Line("/// Every record, in memory, for as long as the process runs. Handlers hold <see cref=\"Gate\"/> while they check and");
        w.Line("/// write, so the checks (keys that must exist, unique values) hold when the write happens. To keep data across");
        w.Line("/// restarts, replace this class with one over a database created from the generated SQL.");
        w.Line("/// </summary>");
        using (w.Block("public sealed class Store"))
        {
            w.Line("public global::System.Threading.Lock Gate { get; } = new();");
            foreach (var entity in layout.Entities)
            {
                w.Line();
                w.Line($"public EntitySet<global::{ns}.Models.{Naming.Pascal(entity.Name)}> {Naming.Plural(Naming.Pascal(entity.Name))} {{ get; }} = new();");
            }
        }
        return new GeneratedFile($"{root}/Data/Store.cs", w.ToString());
    }

    public static GeneratedFile EntitySet(string root, string ns) => new($"{root}/Data/EntitySet.cs", new CodeWriter().Lines([
        $"namespace {ns}.Data;",
        "",
        "/// <summary>A record with the key every entity has.</summary>",
        "public interface IEntity",
        "{",
        "    Guid Id { get; }",
        "}",
        "",
        "/// <summary>The records of one entity by key, in the order they were created. Use it while holding Store.Gate.</summary>",
        "public sealed class EntitySet<T> where T : IEntity",
        "{",
        "    private readonly OrderedDictionary<Guid, T> _items = new();",
        "",
        "    public IEnumerable<T> All => _items.Values;",
        "",
        "    public bool Contains(Guid id) => _items.ContainsKey(id);",
        "",
        "    public T? Find(Guid id) => _items.TryGetValue(id, out var item) ? item : default;",
        "",
        "    /// <summary>Adds the record, or replaces the one with its key in place.</summary>",
        "    public void Put(T item) => _items[item.Id] = item;",
        "",
        "    public bool Remove(Guid id) => _items.Remove(id);",
        "}",
    ]).ToString());

    public static GeneratedFile Problems(string root, string ns) => new($"{root}/Endpoints/Problems.cs", new CodeWriter().Lines([
        "using Microsoft.AspNetCore.Http.HttpResults;",
        "",
        $"namespace {ns}.Endpoints;",
        "",
        "/// <summary>The error answers, as problem details.</summary>",
        "public static class Problems",
        "{",
        "    public static ProblemHttpResult NotFound(string entity, Guid id) =>",
        "        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: $\"No {entity} has the id {id}.\");",
        "",
        "    public static ProblemHttpResult InUse(string entity, string referencedBy) =>",
        "        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: $\"This {entity} is still referenced.\",",
        "            detail: $\"Records point at it through {referencedBy}; change or delete them first.\");",
        "",
        "    public static ProblemHttpResult Duplicate(string entity, string fields) =>",
        "        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: $\"Another {entity} has the same {fields}.\",",
        "            detail: $\"{fields} must be unique.\");",
        "}",
        "",
        "/// <summary>The rules an input broke, per field, answered as a 400 validation problem.</summary>",
        "public sealed class ValidationErrors",
        "{",
        "    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);",
        "",
        "    public bool Any => _errors.Count > 0;",
        "",
        "    public void Add(string field, string message)",
        "    {",
        "        if (!_errors.TryGetValue(field, out var messages)) _errors[field] = messages = [];",
        "        messages.Add(message);",
        "    }",
        "",
        "    public ValidationProblem Problem() =>",
        "        TypedResults.ValidationProblem(_errors.ToDictionary(e => e.Key, e => e.Value.ToArray()), title: \"The input is not valid.\");",
        "}",
    ]).ToString());

    public static GeneratedFile GitIgnore(string root) => new($"{root}/.gitignore", "bin/\nobj/\n");
}
