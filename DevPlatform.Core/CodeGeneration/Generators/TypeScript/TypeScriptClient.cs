namespace DevPlatform.Core.CodeGeneration.Generators.TypeScript;

/// <summary>typescript/client.ts (a typed fetch client of the generated API), index.ts and tsconfig.json.</summary>
internal static class TypeScriptClient
{
    public const string Root = "typescript";

    public static IEnumerable<GeneratedFile> Generate(SchemaLayout layout, GenerationSettings settings)
    {
        yield return TypeScriptModels.File(Root, layout, settings);
        yield return Client(layout, settings);
        yield return new GeneratedFile($"{Root}/index.ts", "export * from \"./models\";\nexport * from \"./client\";\n");
        yield return new GeneratedFile($"{Root}/tsconfig.json", new CodeWriter("  ").Lines([
            "{",
            "  \"compilerOptions\": {",
            "    \"target\": \"ES2022\",",
            "    \"module\": \"ES2022\",",
            "    \"moduleResolution\": \"bundler\",",
            "    \"lib\": [\"ES2022\", \"DOM\"],",
            "    \"strict\": true,",
            "    \"noUnusedLocals\": true,",
            "    \"noImplicitReturns\": true,",
            "    \"declaration\": true,",
            "    \"outDir\": \"dist\"",
            "  },",
            "  \"include\": [\"*.ts\"]",
            "}",
        ]).ToString());
    }

    private static GeneratedFile Client(SchemaLayout layout, GenerationSettings settings)
    {
        var w = new CodeWriter("  ");
        w.Line($"// {settings.Name}, schema version {settings.Version}: a typed fetch client of the generated API, by DevPlatform.");
        var types = layout.Entities.SelectMany(e => new[] { Naming.Pascal(e.Name), Naming.Pascal(e.Name) + "Input" });
        w.Line($"import type {{ {string.Join(", ", types)} }} from \"./models\";").Line();
        w.Lines([
            "/** The body of an error answer (RFC 9457); errors lists the broken rules per field on a 400. */",
            "export interface ProblemDetails {",
            "  type?: string;",
            "  title?: string;",
            "  status?: number;",
            "  detail?: string;",
            "  errors?: Record<string, string[]>;",
            "}",
            "",
            "/** An answer other than 2xx, with the problem details the API sent. */",
            "export class ApiError extends Error {",
            "  constructor(readonly status: number, readonly problem?: ProblemDetails) {",
            "    super(problem?.title ?? `HTTP ${status}`);",
            "    this.name = \"ApiError\";",
            "  }",
            "}",
            "",
            "/** Which records of a list: offset 0 and limit 100 when left out (limit 1 to 1000). */",
            "export interface Page {",
            "  offset?: number;",
            "  limit?: number;",
            "}",
            "",
            "export class ApiClient {",
            "  constructor(",
            "    private readonly baseUrl: string,",
            "    private readonly fetchFn: typeof fetch = (input, init) => fetch(input, init),",
            "  ) {}",
            "",
        ]);
        w.Indent();
        foreach (var entity in layout.Entities)
        {
            var name = Naming.Pascal(entity.Name);
            var route = "/api/" + Naming.Route(entity.Name);
            w.Line($"list{Naming.Plural(name)}(page: Page = {{}}): Promise<{name}[]> {{");
            w.Line($"  return this.send<{name}[]>(\"GET\", \"{route}\" + query(page));");
            w.Line("}").Line();
            w.Line($"get{name}(id: string): Promise<{name}> {{");
            w.Line($"  return this.send<{name}>(\"GET\", `{route}/${{encodeURIComponent(id)}}`);");
            w.Line("}").Line();
            w.Line($"create{name}(input: {name}Input): Promise<{name}> {{");
            w.Line($"  return this.send<{name}>(\"POST\", \"{route}\", input);");
            w.Line("}").Line();
            w.Line($"update{name}(id: string, input: {name}Input): Promise<{name}> {{");
            w.Line($"  return this.send<{name}>(\"PUT\", `{route}/${{encodeURIComponent(id)}}`, input);");
            w.Line("}").Line();
            w.Line($"delete{name}(id: string): Promise<void> {{");
            w.Line($"  return this.send<void>(\"DELETE\", `{route}/${{encodeURIComponent(id)}}`);");
            w.Line("}").Line();
        }
        w.Lines([
            "private async send<T>(method: string, path: string, body?: unknown): Promise<T> {",
            "  const headers: Record<string, string> = { Accept: \"application/json\" };",
            "  if (body !== undefined) headers[\"Content-Type\"] = \"application/json\";",
            "  const response = await this.fetchFn(this.baseUrl.replace(/\\/+$/, \"\") + path, {",
            "    method,",
            "    headers,",
            "    body: body === undefined ? undefined : JSON.stringify(body),",
            "  });",
            "  if (!response.ok) throw new ApiError(response.status, await problemOf(response));",
            "  if (response.status === 204) return undefined as T;",
            "  return (await response.json()) as T;",
            "}",
        ]);
        w.Outdent();
        w.Lines([
            "}",
            "",
            "function query(page: Page): string {",
            "  const parts: string[] = [];",
            "  if (page.offset !== undefined) parts.push(`offset=${page.offset}`);",
            "  if (page.limit !== undefined) parts.push(`limit=${page.limit}`);",
            "  return parts.length === 0 ? \"\" : \"?\" + parts.join(\"&\");",
            "}",
            "",
            "async function problemOf(response: Response): Promise<ProblemDetails | undefined> {",
            "  try {",
            "    return (await response.json()) as ProblemDetails;",
            "  } catch {",
            "    return undefined;",
            "  }",
            "}",
        ]);
        return new GeneratedFile($"{Root}/client.ts", w.ToString());
    }
}
