using System.Reflection;
using System.Text.RegularExpressions;
using OneWindow.Domain.Identifiers;

namespace OneWindow.Domain.Tests.Identifiers;

public sealed partial class IdentifierErrorsTests
{
    [Fact]
    public void IdentifierErrorCodes_are_the_published_codes()
    {
        Assert.Equal(
            [
                "INVALID_BUSINESS_NUMBER", "INVALID_CERTIFICATE_NUMBER", "INVALID_CREDIT_CODE", "INVALID_ID_NUMBER", "INVALID_NATIONALITY", "INVALID_ORGANISATION_CODE",
                "INVALID_PASSPORT_NUMBER", "INVALID_RESIDENCE_PERMIT_NUMBER", "INVALID_TRAVEL_PERMIT_NUMBER", "INVALID_UNIT_CODE",
            ],
            ConstantsOf(typeof(IdentifierErrorCodes)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void IdentifierErrorReasons_are_distinct_UPPER_SNAKE_names_of_their_constants()
    {
        var fields = typeof(IdentifierErrorReasons).GetFields(BindingFlags.Public | BindingFlags.Static);

        Assert.NotEmpty(fields);
        Assert.Equal(fields.Length, fields.Select(field => (string)field.GetRawConstantValue()!).Distinct(StringComparer.Ordinal).Count());
        Assert.All(fields, field =>
        {
            var value = (string)field.GetRawConstantValue()!;
            Assert.Matches(UpperSnake(), value);
            Assert.Equal(field.Name, value.Replace("_", string.Empty, StringComparison.Ordinal), ignoreCase: true);
        });
    }

    [Fact]
    public void IdentifierFormatException_carries_the_error_and_its_message()
    {
        var error = new IdentifierError(IdentifierErrorCodes.InvalidUnitCode, IdentifierErrorReasons.Length, "A message.");

        var exception = new IdentifierFormatException(error);

        Assert.Same(error, exception.Error);
        Assert.Equal("A message.", exception.Message);
    }

    private static IEnumerable<string> ConstantsOf(Type type) =>
        type.GetFields(BindingFlags.Public | BindingFlags.Static).Select(field => (string)field.GetRawConstantValue()!);

    [GeneratedRegex("^[A-Z]+(_[A-Z]+)*$")]
    private static partial Regex UpperSnake();
}
