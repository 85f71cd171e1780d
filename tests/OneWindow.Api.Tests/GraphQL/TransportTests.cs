using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using GraphQL;
using GraphQL.Validation;
using Microsoft.Extensions.DependencyInjection;
using OneWindow.Api.GraphQL;
using OneWindow.Api.GraphQL.Schema;

namespace OneWindow.Api.Tests.GraphQL;

/// <summary>
/// <c>/graphql</c> against the GraphQL-over-HTTP spec (current draft): methods, media types, the status code of every
/// kind of failure under each response media type, the document cache, the limits and the error codes. Every request
/// goes through <see cref="SendAsync(HttpRequestMessage)"/>, which fails the test on any 5xx.
/// </summary>
public sealed class TransportTests(TransportHost host) : IClassFixture<TransportHost>
{
    private const string GraphQLResponse = "application/graphql-response+json";
    private const string Json = "application/json";
    private const string Browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    private readonly HttpClient _client = host.CreateClient();

    [Theory]
    [InlineData("{ __typename }", "__typename", "Query")]
    [InlineData("{ apiVersion }", "apiVersion", "v1")]
    public async Task Post_query_answers_data_as_graphql_response_json(string query, string field, string expected)
    {
        var answer = await PostAsync(new { query });

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal(GraphQLResponse, answer.MediaType);
        Assert.Equal("utf-8", answer.Charset);
        Assert.Equal(expected, answer.Body.GetProperty("data").GetProperty(field).GetString());
        Assert.False(answer.Body.TryGetProperty("errors", out _));
    }

    [Theory]
    [InlineData("{ __typename }", "__typename", "Query")]
    [InlineData("{ apiVersion }", "apiVersion", "v1")]
    public async Task Get_query_answers_data_as_graphql_response_json(string query, string field, string expected)
    {
        var answer = await GetAsync($"query={Uri.EscapeDataString(query)}");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal(GraphQLResponse, answer.MediaType);
        Assert.Equal(expected, answer.Body.GetProperty("data").GetProperty(field).GetString());
    }

    [Fact]
    public async Task Get_with_variables_and_operation_name_answers_the_named_operation()
    {
        var query = "query A($skip: Boolean!) { apiVersion @skip(if: $skip) } query B { __typename }";

        var answer = await GetAsync($"query={Uri.EscapeDataString(query)}&operationName=A&variables={Uri.EscapeDataString("{\"skip\":false}")}");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal("v1", answer.Body.GetProperty("data").GetProperty("apiVersion").GetString());
    }

    [Theory]
    [InlineData(null, GraphQLResponse)]
    [InlineData("*/*", GraphQLResponse)]
    [InlineData("application/*", GraphQLResponse)]
    [InlineData(GraphQLResponse, GraphQLResponse)]
    [InlineData("application/graphql-response+json; charset=utf-8, application/json; charset=utf-8", GraphQLResponse)]
    [InlineData("application/json, application/graphql-response+json", GraphQLResponse)]
    [InlineData(Json, Json)]
    [InlineData("application/json; charset=utf-8", Json)]
    [InlineData("application/json, */*;q=0.5", Json)]
    [InlineData("application/json, */*", Json)]
    [InlineData("application/graphql-response+json;q=0.5, application/json", Json)]
    [InlineData(Browser, GraphQLResponse)]
    public async Task Accept_header_picks_the_response_media_type(string? accept, string expected)
    {
        var answer = await PostAsync(new { query = "{ __typename }" }, accept);

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal(expected, answer.MediaType);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/xml, text/html")]
    [InlineData("application/graphql-response+json;q=0, application/json;q=0")]
    public async Task Accept_without_a_supported_type_answers_406(string accept)
    {
        var answer = await PostAsync(new { query = "{ __typename }" }, accept);

        Assert.Equal(HttpStatusCode.NotAcceptable, answer.Status);
    }

    [Fact]
    public async Task Accept_without_a_supported_type_answers_problem_details_when_json_is_allowed_for_them()
    {
        var answer = await PostAsync(new { query = "{ __typename }" }, "application/problem+json");

        Assert.Equal(HttpStatusCode.NotAcceptable, answer.Status);
        Assert.Equal("application/problem+json", answer.MediaType);
        Assert.Equal("NOT_ACCEPTABLE", answer.Body.GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("application/graphql")]
    [InlineData("application/json; charset=iso-8859-1")]
    [InlineData(null)]
    public async Task Post_with_an_unsupported_content_type_answers_415(string? contentType)
    {
        var answer = await SendAsync(HttpMethod.Post, "/graphql", "{\"query\":\"{ __typename }\"}", contentType: contentType);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, answer.Status);
        Assert.Equal(GraphQLResponse, answer.MediaType);
        Assert.Equal("UNSUPPORTED_MEDIA_TYPE", answer.Code);
        Assert.False(answer.Body.TryGetProperty("data", out _));
    }

    [Theory]
    [InlineData(GraphQLResponse, HttpStatusCode.BadRequest)]
    [InlineData(Json, HttpStatusCode.OK)]
    public async Task Parse_error_answers_per_media_type(string accept, HttpStatusCode expected)
    {
        var answer = await PostAsync(new { query = "{" }, accept);

        Assert.Equal(expected, answer.Status);
        Assert.Equal(accept, answer.MediaType);
        Assert.Equal("GRAPHQL_PARSE_FAILED", answer.Code);
        Assert.False(answer.Body.TryGetProperty("data", out _));
    }

    [Theory]
    [InlineData(GraphQLResponse, HttpStatusCode.BadRequest)]
    [InlineData(Json, HttpStatusCode.OK)]
    public async Task Unknown_field_answers_validation_failed_per_media_type(string accept, HttpStatusCode expected)
    {
        var answer = await PostAsync(new { query = "{ noSuchField }" }, accept);

        Assert.Equal(expected, answer.Status);
        Assert.Equal("GRAPHQL_VALIDATION_FAILED", answer.Code);
        Assert.Equal("5.3.1", answer.Error.GetProperty("extensions").GetProperty("number").GetString());
        Assert.Equal(1, answer.Error.GetProperty("locations")[0].GetProperty("line").GetInt32());
        Assert.False(answer.Body.TryGetProperty("data", out _));
    }

    [Theory]
    [InlineData(GraphQLResponse, HttpStatusCode.BadRequest)]
    [InlineData(Json, HttpStatusCode.OK)]
    public async Task Wrong_variable_type_answers_invalid_variables_per_media_type(string accept, HttpStatusCode expected)
    {
        var answer = await PostAsync(new { query = "query ($skip: Boolean!) { apiVersion @skip(if: $skip) }", variables = new { skip = "yes" } }, accept);

        Assert.Equal(expected, answer.Status);
        Assert.Equal("GRAPHQL_INVALID_VARIABLES", answer.Code);
        Assert.False(answer.Body.TryGetProperty("data", out _));
    }

    [Fact]
    public async Task Missing_non_null_variable_answers_invalid_variables()
    {
        var answer = await PostAsync(new { query = "query ($skip: Boolean!) { apiVersion @skip(if: $skip) }" });

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("GRAPHQL_INVALID_VARIABLES", answer.Code);
    }

    [Theory]
    [InlineData(GraphQLResponse, HttpStatusCode.BadRequest)]
    [InlineData(Json, HttpStatusCode.OK)]
    public async Task Subscription_when_the_schema_has_none_answers_validation_failed(string accept, HttpStatusCode expected)
    {
        // The schema has Query and Mutation roots (partners' mutations) but no Subscription root yet.
        var answer = await PostAsync(new { query = "subscription { __typename }" }, accept);

        Assert.Equal(expected, answer.Status);
        Assert.Equal("GRAPHQL_VALIDATION_FAILED", answer.Code);
    }

    [Theory]
    [InlineData("{\"operationName\":\"A\"}", "MISSING_QUERY")]
    [InlineData("{\"query\":null}", "MISSING_QUERY")]
    [InlineData("{\"qeury\":\"{ __typename }\"}", "MISSING_QUERY")]
    [InlineData("{\"query\":42}", "QUERY_NOT_STRING")]
    [InlineData("{\"query\":{\"a\":1}}", "QUERY_NOT_STRING")]
    [InlineData("{\"query\":[\"{ __typename }\"]}", "QUERY_NOT_STRING")]
    [InlineData("{\"query\":\"{ __typename }\",\"operationName\":7}", "OPERATION_NAME_NOT_STRING")]
    [InlineData("{\"query\":\"{ __typename }\",\"variables\":[7]}", "VARIABLES_NOT_OBJECT")]
    [InlineData("{\"query\":\"{ __typename }\",\"variables\":\"{}\"}", "VARIABLES_NOT_OBJECT")]
    [InlineData("{\"query\":\"{ __typename }\",\"extensions\":true}", "EXTENSIONS_NOT_OBJECT")]
    [InlineData("{\"query\":\"{ __typename }\",\"query\":\"{ apiVersion }\"}", "REPEATED_PARAMETER")]
    [InlineData("NONSENSE", "INVALID_JSON")]
    [InlineData("{\"query\":", "INVALID_JSON")]
    [InlineData("", "INVALID_JSON")]
    [InlineData("\"{ __typename }\"", "NOT_AN_OBJECT")]
    [InlineData("42", "NOT_AN_OBJECT")]
    [InlineData("null", "NOT_AN_OBJECT")]
    public async Task Malformed_post_answers_400_with_a_reason_under_both_media_types(string body, string reason)
    {
        foreach (var accept in new[] { GraphQLResponse, Json })
        {
            var answer = await SendAsync(HttpMethod.Post, "/graphql", body, accept);

            Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
            Assert.Equal(accept, answer.MediaType);
            Assert.Equal("GRAPHQL_BAD_REQUEST", answer.Code);
            Assert.Equal(reason, answer.Error.GetProperty("extensions").GetProperty("reason").GetString());
            Assert.False(answer.Body.TryGetProperty("data", out _));
        }
    }

    [Theory]
    [InlineData("", "MISSING_QUERY")]
    [InlineData("operationName=A", "MISSING_QUERY")]
    [InlineData("query=%7B__typename%7D&query=%7BapiVersion%7D", "REPEATED_PARAMETER")]
    [InlineData("query=%7B__typename%7D&variables=%5B7%5D", "VARIABLES_NOT_OBJECT")]
    [InlineData("query=%7B__typename%7D&variables=nonsense", "VARIABLES_NOT_OBJECT")]
    [InlineData("query=%7B__typename%7D&extensions=7", "EXTENSIONS_NOT_OBJECT")]
    public async Task Malformed_get_answers_400_with_a_reason(string queryString, string reason)
    {
        var answer = await GetAsync(queryString);

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("GRAPHQL_BAD_REQUEST", answer.Code);
        Assert.Equal(reason, answer.Error.GetProperty("extensions").GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Get_from_a_browser_outside_development_is_a_graphql_request()
    {
        // This host runs in Testing on PostgreSQL: no explorer page, so a browser's GET without a query is a 400.
        var answer = await GetAsync("", Browser);

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal(GraphQLResponse, answer.MediaType);
        Assert.Equal("GRAPHQL_BAD_REQUEST", answer.Code);
    }

    [Theory]
    [InlineData(GraphQLResponse)]
    [InlineData(Json)]
    public async Task Batched_array_body_answers_400_batch_not_supported(string accept)
    {
        var answer = await SendAsync(HttpMethod.Post, "/graphql", "[{\"query\":\"{ __typename }\"},{\"query\":\"{ apiVersion }\"}]", accept);

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("GRAPHQL_BATCH_NOT_SUPPORTED", answer.Code);
    }

    [Theory]
    [InlineData(GraphQLResponse, "mutation { __typename }", null)]
    [InlineData(Json, "mutation { __typename }", null)]
    [InlineData(GraphQLResponse, "query Q { __typename } mutation M { __typename }", "M")]
    public async Task Mutation_over_get_answers_405_allowing_post(string accept, string query, string? operationName)
    {
        var queryString = $"query={Uri.EscapeDataString(query)}" + (operationName is null ? "" : $"&operationName={operationName}");

        var answer = await GetAsync(queryString, accept);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, answer.Status);
        Assert.Equal(["POST"], answer.Response.Content.Headers.Allow);
        Assert.Equal("METHOD_NOT_ALLOWED", answer.Code);
        Assert.Single(answer.Body.GetProperty("errors").EnumerateArray());
        Assert.False(answer.Body.TryGetProperty("data", out _));
    }

    [Fact]
    public async Task Query_over_get_in_a_document_with_a_mutation_runs()
    {
        var query = "query Q { __typename } mutation M { __typename }";

        var answer = await GetAsync($"query={Uri.EscapeDataString(query)}&operationName=Q");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal("Query", answer.Body.GetProperty("data").GetProperty("__typename").GetString());
    }

    [Theory]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    [InlineData("PATCH")]
    public async Task Other_methods_answer_405_allowing_get_and_post(string method)
    {
        var answer = await SendAsync(new HttpMethod(method), "/graphql", "{\"query\":\"{ __typename }\"}");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, answer.Status);
        Assert.Equal(["GET", "POST"], answer.Response.Content.Headers.Allow);
        Assert.Equal("METHOD_NOT_ALLOWED", answer.Code);
    }

    [Fact]
    public async Task Operation_name_selects_among_several_operations()
    {
        const string query = "query A { apiVersion } query B { __typename }";

        var a = await PostAsync(new { query, operationName = "A" });
        var b = await PostAsync(new { query, operationName = "B" });

        Assert.Equal("v1", a.Body.GetProperty("data").GetProperty("apiVersion").GetString());
        Assert.False(a.Body.GetProperty("data").TryGetProperty("__typename", out _));
        Assert.Equal("Query", b.Body.GetProperty("data").GetProperty("__typename").GetString());
        Assert.False(b.Body.GetProperty("data").TryGetProperty("apiVersion", out _));
    }

    [Theory]
    [InlineData(GraphQLResponse, "C", HttpStatusCode.BadRequest)]
    [InlineData(Json, "C", HttpStatusCode.OK)]
    [InlineData(GraphQLResponse, null, HttpStatusCode.BadRequest)]
    public async Task Unknown_or_missing_operation_name_answers_operation_not_found(string accept, string? operationName, HttpStatusCode expected)
    {
        var answer = await PostAsync(new { query = "query A { apiVersion } query B { __typename }", operationName }, accept);

        Assert.Equal(expected, answer.Status);
        Assert.Equal("GRAPHQL_OPERATION_NOT_FOUND", answer.Code);
        Assert.False(answer.Body.TryGetProperty("data", out _));
    }

    [Fact]
    public async Task Repeated_query_is_served_from_the_document_cache()
    {
        var cache = host.Services.GetRequiredService<GraphQLDocumentCache>();
        var query = $"{{ c{Guid.NewGuid():N}: apiVersion }}";

        var misses = cache.Misses;
        var first = await PostAsync(new { query });
        Assert.Equal(misses + 1, cache.Misses);
        var hits = cache.Hits;
        var second = await PostAsync(new { query });
        var third = await GetAsync($"query={Uri.EscapeDataString(query)}");

        Assert.Equal(hits + 2, cache.Hits);
        // The same data; extensions.cost differs (what is left of the budget).
        Assert.Equal(first.Body.GetProperty("data").GetRawText(), second.Body.GetProperty("data").GetRawText());
        Assert.Equal(first.Body.GetProperty("data").GetRawText(), third.Body.GetProperty("data").GetRawText());
    }

    [Fact]
    public async Task Invalid_document_is_not_cached()
    {
        var cache = host.Services.GetRequiredService<GraphQLDocumentCache>();
        var query = $"{{ c{Guid.NewGuid():N}: noSuchField }}";

        var hits = cache.Hits;
        await PostAsync(new { query });
        var again = await PostAsync(new { query });

        Assert.Equal(hits, cache.Hits);
        Assert.Equal("GRAPHQL_VALIDATION_FAILED", again.Code);
    }

    [Fact]
    public async Task Cached_document_still_coerces_the_variables_of_each_request()
    {
        var cache = host.Services.GetRequiredService<GraphQLDocumentCache>();
        var query = $"query ($skip: Boolean!) {{ c{Guid.NewGuid():N}: apiVersion @skip(if: $skip) }}";
        await PostAsync(new { query, variables = new { skip = false } });
        var hits = cache.Hits;

        var wrong = await PostAsync(new { query, variables = new { skip = "no" } });

        Assert.Equal(hits + 1, cache.Hits);
        Assert.Equal(HttpStatusCode.BadRequest, wrong.Status);
        Assert.Equal("GRAPHQL_INVALID_VARIABLES", wrong.Code);
    }

    [Fact]
    public async Task Cached_mutation_is_still_refused_over_get()
    {
        // Cached by name from a POST (as a query of the same document), then asked for the mutation with GET.
        var query = $"query Q {{ c{Guid.NewGuid():N}: __typename }} mutation M {{ __typename }}";
        await PostAsync(new { query, operationName = "Q" });

        var answer = await GetAsync($"query={Uri.EscapeDataString(query)}&operationName=M");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, answer.Status);
    }

    [Fact]
    public async Task Query_deeper_than_the_limit_answers_query_too_deep()
    {
        // The operation's selection set, then __schema, types, fields, type and 6 × ofType: 11 levels.
        const string query = "{ __schema { types { fields { type { ofType { ofType { ofType { ofType { ofType { ofType { name } } } } } } } } } } }";

        var answer = await PostAsync(new { query });

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("QUERY_TOO_DEEP", answer.Code);
        var extensions = answer.Error.GetProperty("extensions");
        Assert.Equal(11, extensions.GetProperty("depth").GetInt32());
        Assert.Equal(TransportHost.MaxDepth, extensions.GetProperty("maxDepth").GetInt32());
    }

    [Fact]
    public async Task Query_at_the_depth_limit_runs()
    {
        // 10 levels: one ofType fewer.
        const string query = "{ __schema { types { fields { type { ofType { ofType { ofType { ofType { ofType { name } } } } } } } } } }";

        var answer = await PostAsync(new { query });

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.False(answer.Body.TryGetProperty("errors", out _));
    }

    [Fact]
    public async Task Query_costlier_than_the_limit_answers_query_too_complex()
    {
        var query = "{ " + string.Join(' ', Enumerable.Range(0, TransportHost.MaxComplexity + 1).Select(i => $"a{i}: apiVersion")) + " }";

        var answer = await PostAsync(new { query });

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("QUERY_TOO_COMPLEX", answer.Code);
        var extensions = answer.Error.GetProperty("extensions");
        Assert.Equal(TransportHost.MaxComplexity + 1, extensions.GetProperty("complexity").GetDouble());
        Assert.Equal(TransportHost.MaxComplexity, extensions.GetProperty("maxComplexity").GetInt32());
    }

    [Fact]
    public async Task Cost_that_depends_on_variables_is_checked_on_cached_documents()
    {
        var cache = host.Services.GetRequiredService<GraphQLDocumentCache>();
        var query = $"query ($n: Int) {{ c{Guid.NewGuid():N}: testItems(first: $n) {{ name }} }}";
        var small = await PostAsync(new { query, variables = new { n = 2 } });
        Assert.Equal(HttpStatusCode.OK, small.Status);
        var hits = cache.Hits;

        var large = await PostAsync(new { query, variables = new { n = 1000 } });

        Assert.Equal(hits + 1, cache.Hits);
        Assert.Equal(HttpStatusCode.BadRequest, large.Status);
        Assert.Equal("QUERY_TOO_COMPLEX", large.Code);
    }

    [Fact]
    public async Task Explorer_schema_query_fits_the_limits()
    {
        // The query the explorer page's Schema button sends.
        const string typeRef = "kind name ofType { kind name ofType { kind name ofType { kind name } } }";
        var query = "{ __schema { queryType { ...Root } mutationType { ...Root } subscriptionType { ...Root } } } "
            + $"fragment Root on __Type {{ name fields {{ name description args {{ name type {{ {typeRef} }} }} type {{ {typeRef} }} }} }}";

        var answer = await PostAsync(new { query });

        Assert.True(answer.Status == HttpStatusCode.OK, answer.Text);
        Assert.Equal("Query", answer.Body.GetProperty("data").GetProperty("__schema").GetProperty("queryType").GetProperty("name").GetString());
    }

    [Fact]
    public async Task Full_introspection_query_fits_the_default_limits()
    {
        // What GraphiQL and SDK generators send (graphql-js's introspection query, TypeRef nine levels deep), measured
        // against the limits a host has when GraphQL: is not configured.
        const string typeRef = "kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name "
            + "ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } } } }";
        const string query = """
            query IntrospectionQuery {
              __schema {
                queryType { name } mutationType { name } subscriptionType { name }
                types { ...FullType }
                directives { name description locations args { ...InputValue } }
              }
            }
            fragment FullType on __Type {
              kind name description
              fields(includeDeprecated: true) { name description args { ...InputValue } type { ...TypeRef } isDeprecated deprecationReason }
              inputFields { ...InputValue }
              interfaces { ...TypeRef }
              enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason }
              possibleTypes { ...TypeRef }
            }
            fragment InputValue on __InputValue { name description type { ...TypeRef } defaultValue }
            """;
        var defaults = new RegistryGraphQLOptions();
        var limits = new QueryLimits(defaults);
        using var scope = host.Services.CreateScope();

        var result = await scope.ServiceProvider.GetRequiredService<IDocumentExecuter>().ExecuteAsync(new ExecutionOptions
        {
            Schema = scope.ServiceProvider.GetRequiredService<RegistrySchema>(),
            Query = query + $"fragment TypeRef on __Type {{ {typeRef} }}",
            ValidationRules = [.. DocumentValidator.CoreRules, limits.Rule],
            RequestServices = scope.ServiceProvider,
            CancellationToken = TestContext.Current.CancellationToken,
        });

        Assert.True(result.Errors is null, string.Join("; ", result.Errors?.Select(e => e.Message) ?? []));
        Assert.True(result.Executed);
    }

    [Fact]
    public async Task Body_over_the_limit_answers_413()
    {
        var query = "{ __typename }" + new string(' ', TransportHost.MaxRequestBytes);

        var answer = await PostAsync(new { query });

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, answer.Status);
        Assert.Equal("REQUEST_TOO_LARGE", answer.Code);
        Assert.Equal(TransportHost.MaxRequestBytes, answer.Error.GetProperty("extensions").GetProperty("limit").GetInt32());
    }

    [Fact]
    public async Task Chunked_body_over_the_limit_answers_413()
    {
        // No Content-Length: the limit is enforced while the body is read.
        var body = "{\"query\":\"{ __typename }" + new string(' ', TransportHost.MaxRequestBytes) + "\"}";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(body))),
        };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(Json);
        request.Headers.TransferEncodingChunked = true;

        var answer = await SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, answer.Status);
        Assert.Equal("REQUEST_TOO_LARGE", answer.Code);
    }

    [Fact]
    public async Task Query_string_over_the_limit_answers_414()
    {
        var answer = await GetAsync($"query={Uri.EscapeDataString("{ __typename }" + new string(' ', TransportHost.MaxQueryStringLength))}");

        Assert.Equal(HttpStatusCode.RequestUriTooLong, answer.Status);
        Assert.Equal("REQUEST_TOO_LARGE", answer.Code);
    }

    [Fact]
    public async Task Field_error_answers_200_with_data_and_the_registry_error_code()
    {
        foreach (var accept in new[] { GraphQLResponse, Json })
        {
            var answer = await PostAsync(new { query = "{ apiVersion testExpectedFailure }" }, accept);

            Assert.Equal(HttpStatusCode.OK, answer.Status);
            var data = answer.Body.GetProperty("data");
            Assert.Equal("v1", data.GetProperty("apiVersion").GetString());
            Assert.Equal(JsonValueKind.Null, data.GetProperty("testExpectedFailure").ValueKind);
            Assert.Equal("INVALID_UNIT_CODE", answer.Code);
            Assert.Equal("CHECK_DIGIT", answer.Error.GetProperty("extensions").GetProperty("reason").GetString());
            Assert.Equal("The unit code is invalid.", answer.Error.GetProperty("message").GetString());
            Assert.Equal("testExpectedFailure", answer.Error.GetProperty("path")[0].GetString());
        }
    }

    [Fact]
    public async Task Unexpected_exception_answers_internal_error_with_a_trace_id_and_no_details()
    {
        var answer = await PostAsync(new { query = "{ apiVersion testUnexpectedFailure }" });

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal("v1", answer.Body.GetProperty("data").GetProperty("apiVersion").GetString());
        Assert.Equal("INTERNAL_ERROR", answer.Code);
        var extensions = answer.Error.GetProperty("extensions");
        Assert.False(string.IsNullOrEmpty(extensions.GetProperty("traceId").GetString()));
        Assert.False(extensions.TryGetProperty("details", out _));
        Assert.DoesNotContain("secret", answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Messages_are_chinese_by_default_and_english_on_request()
    {
        var chinese = await PostAsync(new { query = "{ noSuchField }" });
        var english = await PostAsync(new { query = "{ noSuchField }" }, language: "en");
        var englishTransport = await SendAsync(HttpMethod.Post, "/graphql", "[]", language: "en-US,en;q=0.9,zh;q=0.5");

        Assert.StartsWith("GraphQL 文档未通过校验。", chinese.Error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("The GraphQL document failed validation. Cannot query field", english.Error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("Batched requests are not supported: send one JSON object per request.", englishTransport.Error.GetProperty("message").GetString());
        // Chinese travels as UTF-8 text, not as \u escapes.
        Assert.Contains("文档", chinese.RawText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Introspection_answers_the_query_type()
    {
        var answer = await PostAsync(new { query = "{ __schema { queryType { name fields { name } } } }" });

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        var fields = answer.Body.GetProperty("data").GetProperty("__schema").GetProperty("queryType").GetProperty("fields");
        Assert.Contains(fields.EnumerateArray(), f => f.GetProperty("name").GetString() == "apiVersion");
    }

    private Task<Answer> PostAsync(object body, string? accept = GraphQLResponse, string? language = null) =>
        SendAsync(HttpMethod.Post, "/graphql", JsonSerializer.Serialize(body), accept, language: language);

    private Task<Answer> GetAsync(string queryString, string? accept = GraphQLResponse) =>
        SendAsync(HttpMethod.Get, queryString.Length == 0 ? "/graphql" : $"/graphql?{queryString}", null, accept);

    private async Task<Answer> SendAsync(HttpMethod method, string uri, string? body, string? accept = GraphQLResponse, string? contentType = Json, string? language = null)
    {
        using var request = new HttpRequestMessage(method, uri);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            request.Content.Headers.ContentType = contentType is null ? null : MediaTypeHeaderValue.Parse(contentType);
        }
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }
        if (language is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept-Language", language);
        }
        return await SendAsync(request);
    }

    /// <summary>Sends one request; no request of this class may end in a 5xx.</summary>
    private async Task<Answer> SendAsync(HttpRequestMessage request)
    {
        var response = await _client.SendAsync(request, TestContext.Current.CancellationToken);
        var bytes = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        Assert.True((int)response.StatusCode < 500, $"{request.Method} {request.RequestUri} answered {(int)response.StatusCode}");
        var text = Encoding.UTF8.GetString(bytes);
        var body = text.Length > 0 && (response.Content.Headers.ContentType?.MediaType?.Contains("json", StringComparison.Ordinal) ?? false)
            ? JsonDocument.Parse(text).RootElement.Clone()
            : default;
        return new Answer(response, body, text);
    }

    private sealed record Answer(HttpResponseMessage Response, JsonElement Body, string RawText)
    {
        public HttpStatusCode Status => Response.StatusCode;
        public string? MediaType => Response.Content.Headers.ContentType?.MediaType;
        public string? Charset => Response.Content.Headers.ContentType?.CharSet;
        public string Text => RawText;
        public JsonElement Error => Body.GetProperty("errors")[0];
        public string? Code => Error.GetProperty("extensions").GetProperty("code").GetString();
    }
}
