namespace OneWindow.Sdk.Generator;

// Usage: OneWindow.Sdk.Generator --schema schema.graphql --openapi openapi.v1.json --operations DIR --out DIR
// Writes Rest.g.cs and GraphQL.*.g.cs; exits 1 with MSBuild-style errors when an operation does not validate.
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var options = Arguments.Parse(args);
        if (options is null)
        {
            Console.Error.WriteLine("usage: OneWindow.Sdk.Generator --schema FILE --openapi FILE --operations DIR --out DIR");
            return 2;
        }

        Directory.CreateDirectory(options.OutputDirectory);
        var outputs = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Rest.g.cs"] = await RestClientGenerator.GenerateAsync(options.OpenApiFile),
        };
        var graphQL = await GraphQLOperationsGenerator.GenerateAsync(options.SchemaFile, options.OperationsDirectory);
        if (graphQL.Errors.Count > 0)
        {
            foreach (var error in graphQL.Errors)
            {
                Console.Error.WriteLine(error);
            }
            return 1;
        }
        foreach (var (name, text) in graphQL.Files)
        {
            outputs[name] = text;
        }

        // Only changed files are rewritten, so an unchanged contract does not recompile the SDK.
        foreach (var stale in Directory.EnumerateFiles(options.OutputDirectory, "*.g.cs").Where(f => !outputs.ContainsKey(Path.GetFileName(f))))
        {
            File.Delete(stale);
        }
        foreach (var (name, text) in outputs)
        {
            var path = Path.Combine(options.OutputDirectory, name);
            if (!File.Exists(path) || File.ReadAllText(path) != text)
            {
                File.WriteAllText(path, text);
            }
        }
        return 0;
    }
}

internal sealed record Arguments(string SchemaFile, string OpenApiFile, string OperationsDirectory, string OutputDirectory)
{
    public static Arguments? Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            values[args[i]] = args[i + 1];
        }
        return values.TryGetValue("--schema", out var schema) && values.TryGetValue("--openapi", out var openApi)
            && values.TryGetValue("--operations", out var operations) && values.TryGetValue("--out", out var output)
            ? new(Path.GetFullPath(schema), Path.GetFullPath(openApi), Path.GetFullPath(operations), Path.GetFullPath(output))
            : null;
    }
}
