using GraphQL;
using GraphQL.Execution;
using OneWindow.Api.Errors;
using OneWindow.Api.GraphQL;

namespace OneWindow.Api.Tests.GraphQL;

/// <summary>The error filter's classification, for the cases the HTTP tests cannot reach from the Testing host.</summary>
public sealed class GraphQLErrorsTests
{
    [Fact]
    public void Unexpected_error_in_development_carries_the_exception_details()
    {
        var error = new UnhandledError("Error executing document.", new InvalidOperationException("boom"));

        var report = GraphQLErrors.Report(error, english: true, "0123456789abcdef0123456789abcdef", exposeDetails: true);

        Assert.Equal("INTERNAL_ERROR", report.Code);
        Assert.Equal("Internal error; quote the trace id to the platform.", report.Message);
        Assert.Equal("0123456789abcdef0123456789abcdef", report.Extensions!["traceId"]);
        Assert.Contains("InvalidOperationException: boom", (string)report.Extensions["details"]!, StringComparison.Ordinal);
    }

    [Fact]
    public void Registry_error_inside_a_framework_error_keeps_its_code_and_reason()
    {
        // What GraphQL.NET does when a scalar's parser throws: it wraps the exception in its own error.
        var error = new ExecutionError("Invalid value.", new RegistryError("INVALID_UNIT_CODE", "单元代码无效。", "CHECK_DIGIT"));

        var report = GraphQLErrors.Report(error, english: false, "trace", exposeDetails: false);

        Assert.Equal("INVALID_UNIT_CODE", report.Code);
        Assert.Equal("单元代码无效。", report.Message);
        Assert.Equal("CHECK_DIGIT", report.Extensions!["reason"]);
    }

    [Fact]
    public void Registry_error_from_an_api_error_carries_code_reason_and_field()
    {
        var error = RegistryError.From(new ApiError("INVALID_UNIT_CODE", 400, "CHECK_CHARACTER", "unitCode"), english: true);

        var report = GraphQLErrors.Report(error, english: true, "trace", exposeDetails: false);

        Assert.Equal("INVALID_UNIT_CODE", report.Code);
        Assert.Equal("CHECK_CHARACTER", report.Extensions!["reason"]);
        Assert.Equal("unitCode", report.Extensions["field"]);
        Assert.StartsWith("The real estate unit code is invalid", report.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Plain_execution_error_with_a_code_is_an_expected_failure()
    {
        // How resolvers wrote expected failures before RegistryError: a code, and the reason and field in Data.
        var error = new ExecutionError("不动产单元代码无效。") { Code = "INVALID_UNIT_CODE" };
        error.Data["reason"] = "LENGTH";
        error.Data["field"] = "unitCode";

        var report = GraphQLErrors.Report(error, english: false, "trace", exposeDetails: false);

        Assert.Equal("INVALID_UNIT_CODE", report.Code);
        Assert.Equal("不动产单元代码无效。", report.Message);
        Assert.Equal("LENGTH", report.Extensions!["reason"]);
        Assert.Equal("unitCode", report.Extensions["field"]);
    }

    [Fact]
    public void Error_that_skipped_the_filter_is_still_written_with_a_code()
    {
        var info = new RegistryErrorInfoProvider().GetInfo(new ExecutionError("raw"));

        Assert.Equal("INTERNAL_ERROR", info.Extensions!["code"]);
        Assert.DoesNotContain("raw", info.Message, StringComparison.Ordinal);
    }
}
