using OneWindow.Domain.Identifiers;
using OneWindow.Domain.Privacy;

namespace OneWindow.Domain.Tests.Identifiers;

// Check characters of the residence permits worked out with GB 11643's weights (7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2,
// sum mod 11 mapped to 1 0 X 9 8 7 6 5 4 3 2); of the organisation codes with GB 11714's (3 7 9 10 5 8 4 2,
// 11 − sum mod 11, 10 → X, 11 → 0): D2143569 → 39+14+9+40+15+40+24+18 = 199, 199 mod 11 = 1, check 10 → X.
public sealed class IdentityDocumentsTests
{
    private static readonly DateOnly Today = new(2026, 12, 7);

    [Theory]
    [InlineData(IdentityDocumentType.Passport, "E12345678", "E12345678")]
    [InlineData(IdentityDocumentType.Passport, "ea1234567", "EA1234567")]
    [InlineData(IdentityDocumentType.Passport, " 123 456 789 ", "123456789")]
    [InlineData(IdentityDocumentType.Passport, "X0000001", "X0000001")]
    [InlineData(IdentityDocumentType.HongKongMacaoTravelPermit, "H12345678", "H12345678")]
    [InlineData(IdentityDocumentType.HongKongMacaoTravelPermit, "m87654321", "M87654321")]
    [InlineData(IdentityDocumentType.TaiwanTravelPermit, "12345678", "12345678")]
    [InlineData(IdentityDocumentType.HongKongMacaoResidencePermit, "810000199001011230", "810000199001011230")]
    [InlineData(IdentityDocumentType.HongKongMacaoResidencePermit, "820000198512124568", "820000198512124568")]
    [InlineData(IdentityDocumentType.TaiwanResidencePermit, "830000197006067895", "830000197006067895")]
    [InlineData(IdentityDocumentType.OrganisationCode, "D2143569-X", "D2143569X")]
    [InlineData(IdentityDocumentType.OrganisationCode, "d2143569x", "D2143569X")]
    [InlineData(IdentityDocumentType.OrganisationCode, "123456788", "123456788")]
    [InlineData(IdentityDocumentType.ResidentId, "441202198506150018", "441202198506150018")]
    [InlineData(IdentityDocumentType.CreditCode, "91350100M000100Y43", "91350100M000100Y43")]
    public void Valid_numbers_parse_to_their_canonical_form(IdentityDocumentType type, string text, string canonical)
    {
        Assert.True(IdentityDocuments.TryParse(type, text, out var value, out var error, Today), error?.Message);
        Assert.Equal(canonical, value);
    }

    [Theory]
    [InlineData(IdentityDocumentType.Passport, "", "INVALID_PASSPORT_NUMBER", "EMPTY")]
    [InlineData(IdentityDocumentType.Passport, "E123", "INVALID_PASSPORT_NUMBER", "LENGTH")]
    [InlineData(IdentityDocumentType.Passport, "E1234567890123456789", "INVALID_PASSPORT_NUMBER", "LENGTH")]
    [InlineData(IdentityDocumentType.Passport, "E1234567_", "INVALID_PASSPORT_NUMBER", "CHARACTERS")]
    [InlineData(IdentityDocumentType.Passport, "ABCDEFGHI", "INVALID_PASSPORT_NUMBER", "CHARACTERS")]
    [InlineData(IdentityDocumentType.Passport, "Ｅ12345678", "INVALID_PASSPORT_NUMBER", "CHARACTERS")]
    [InlineData(IdentityDocumentType.HongKongMacaoTravelPermit, "X12345678", "INVALID_TRAVEL_PERMIT_NUMBER", "FORMAT")]
    [InlineData(IdentityDocumentType.HongKongMacaoTravelPermit, "H1234567", "INVALID_TRAVEL_PERMIT_NUMBER", "LENGTH")]
    [InlineData(IdentityDocumentType.HongKongMacaoTravelPermit, "H1234567A", "INVALID_TRAVEL_PERMIT_NUMBER", "CHARACTERS")]
    [InlineData(IdentityDocumentType.HongKongMacaoTravelPermit, "12345678", "INVALID_TRAVEL_PERMIT_NUMBER", "LENGTH")]
    [InlineData(IdentityDocumentType.TaiwanTravelPermit, "H12345678", "INVALID_TRAVEL_PERMIT_NUMBER", "LENGTH")]
    [InlineData(IdentityDocumentType.TaiwanTravelPermit, "1234567A", "INVALID_TRAVEL_PERMIT_NUMBER", "CHARACTERS")]
    [InlineData(IdentityDocumentType.HongKongMacaoResidencePermit, "810000199001011231", "INVALID_RESIDENCE_PERMIT_NUMBER", "CHECK_CHARACTER")]
    [InlineData(IdentityDocumentType.HongKongMacaoResidencePermit, "830000197006067895", "INVALID_RESIDENCE_PERMIT_NUMBER", "PROVINCE")]
    [InlineData(IdentityDocumentType.HongKongMacaoResidencePermit, "441202198506150018", "INVALID_RESIDENCE_PERMIT_NUMBER", "PROVINCE")]
    [InlineData(IdentityDocumentType.TaiwanResidencePermit, "810000199001011230", "INVALID_RESIDENCE_PERMIT_NUMBER", "PROVINCE")]
    [InlineData(IdentityDocumentType.TaiwanResidencePermit, "83000019700606789", "INVALID_RESIDENCE_PERMIT_NUMBER", "LENGTH")]
    [InlineData(IdentityDocumentType.TaiwanResidencePermit, "830000197013067895", "INVALID_RESIDENCE_PERMIT_NUMBER", "BIRTH_DATE")]
    [InlineData(IdentityDocumentType.OrganisationCode, "D21435691", "INVALID_ORGANISATION_CODE", "CHECK_CHARACTER")]
    [InlineData(IdentityDocumentType.OrganisationCode, "D2143569", "INVALID_ORGANISATION_CODE", "LENGTH")]
    [InlineData(IdentityDocumentType.OrganisationCode, "D214356*X", "INVALID_ORGANISATION_CODE", "CHARACTERS")]
    [InlineData(IdentityDocumentType.OrganisationCode, "12345678-A", "INVALID_ORGANISATION_CODE", "CHARACTERS")]
    [InlineData(IdentityDocumentType.ResidentId, "441202198506150019", "INVALID_ID_NUMBER", "CHECK_CHARACTER")]
    public void Invalid_numbers_are_refused_with_their_document_s_code_and_reason(IdentityDocumentType type, string text, string code, string reason)
    {
        Assert.False(IdentityDocuments.TryParse(type, text, out var value, out var error, Today));
        Assert.Null(value);
        Assert.Equal(code, error.Code);
        Assert.Equal(reason, error.Reason);
    }

    [Fact]
    public void A_residence_permit_is_read_like_an_ID_number()
    {
        var permit = ResidencePermitNumber.Parse(IdentityDocumentType.TaiwanResidencePermit, "830000197006067895", Today);

        Assert.Equal(new DateOnly(1970, 6, 6), permit.Number.BirthDate);
        Assert.Equal(Sex.Male, permit.Number.Sex);
    }

    [Fact]
    public void Resident_ID_numbers_keep_working_and_HK_Macao_Taiwan_permit_numbers_stay_valid_as_before()
    {
        Assert.True(ResidentIdNumber.TryParse("441202198506150018", out _, out _, Today));
        Assert.True(ResidentIdNumber.TryParse("830000197006067895", out _, out _, Today));
        Assert.True(ResidentIdNumber.TryParse("810000199001011230", out _, out _, Today));
    }

    [Fact]
    public void Organisation_code_Create_computes_the_check_character_incl_0_for_11()
    {
        Assert.Equal("D2143569X", OrganisationCode.Create("D2143569").Value);
        Assert.Equal("123456788", OrganisationCode.Create("12345678").Value);
        // 00000001: 1 × 2 = 2, 11 − 2 = 9; 0000000B: 11 × 2 = 22, 22 mod 11 = 0, 11 − 0 = 11 → 0.
        Assert.Equal("000000019", OrganisationCode.Create("00000001").Value);
        Assert.Equal("0000000B0", OrganisationCode.Create("0000000B").Value);
    }

    [Fact]
    public void A_document_that_cannot_come_from_a_request_throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => IdentityDocuments.TryParse(IdentityDocumentType.Other, "X", out _, out _));
    }

    [Fact]
    public void Every_person_and_organisation_document_has_a_check()
    {
        foreach (var type in IdentityDocuments.ForPersons.Concat(IdentityDocuments.ForOrganisations))
        {
            Assert.False(IdentityDocuments.TryParse(type, "?", out _, out var error, Today));
            Assert.StartsWith("INVALID_", error.Code, StringComparison.Ordinal);
        }
        Assert.Equal(Enum.GetValues<IdentityDocumentType>().Length - 1, IdentityDocuments.ForPersons.Count + IdentityDocuments.ForOrganisations.Count);
    }

    [Theory]
    [InlineData("441202198506150018", "4412**********0018")]
    [InlineData("830000197006067895", "8300**********7895")]
    [InlineData("E12345678", "E1*****78")]
    [InlineData("H12345678", "H1*****78")]
    [InlineData("D2143569X", "D2*****9X")]
    [InlineData("12345678", "********")]
    [InlineData("EA12345678901", "EA*********01")]
    public void Numbers_of_every_document_are_masked_so_most_of_them_never_shows(string number, string masked)
    {
        Assert.Equal(masked, PersonalDataMasking.MaskIdNumber(number));
    }
}
