using System.Text;
using System.Text.Json.Nodes;
using OneWindow.Domain.Applications;
using OneWindow.Domain.Materials;

namespace OneWindow.Domain.Tests.Materials;

public sealed class MaterialCatalogueFormatTests
{
    private static JsonObject DefaultDocument() => JsonNode.Parse(MaterialCatalogue.DefaultJson)!.AsObject();

    private static JsonObject Section(JsonObject document, string businessType) =>
        document["businessTypes"]!.AsArray().Single(section => (string?)section!["businessType"] == businessType)!.AsObject();

    private static string Edited(Action<JsonObject> edit)
    {
        var document = DefaultDocument();
        edit(document);
        return document.ToJsonString();
    }

    private static void AssertRejected(string json, string messagePart)
    {
        var exception = Assert.Throws<MaterialCatalogueFormatException>(() => MaterialCatalogue.Parse(json));
        Assert.Contains(messagePart, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DefaultJson_GivesSameCatalogueAsDefault()
    {
        var parsed = MaterialCatalogue.Parse(MaterialCatalogue.DefaultJson);

        Assert.Equal(MaterialCatalogue.Default.Materials, parsed.Materials);
        Assert.Equal(MaterialCatalogue.Default.Circumstances, parsed.Circumstances);
    }

    [Fact]
    public void Load_Stream_ReadsTheCatalogue()
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(MaterialCatalogue.DefaultJson));

        Assert.Equal(Enum.GetValues<BusinessType>().Length, MaterialCatalogue.Load(stream).BusinessTypes.Count);
    }

    [Fact]
    public void Parse_OperatorAddsMaterial_AppearsInChecklist()
    {
        var json = Edited(document =>
        {
            document["materials"]!.AsArray().Add(new JsonObject { ["code"] = "MARRIAGE_CERTIFICATE", ["zh"] = "婚姻关系证明", ["en"] = "Marriage certificate" });
            Section(document, "Transfer")["materials"]!.AsArray().Add(new JsonObject { ["code"] = "MARRIAGE_CERTIFICATE", ["requirement"] = "Optional" });
        });

        var checklist = MaterialCatalogue.Parse(json).Checklist(BusinessType.Transfer, []);

        Assert.Equal(ResolvedRequirement.Optional, Assert.Single(checklist.Items, item => item.Code == "MARRIAGE_CERTIFICATE").Requirement);
    }

    [Fact]
    public void Parse_UnknownBusinessType_Throws()
    {
        AssertRejected(Edited(document => Section(document, "Transfer")["businessType"] = "Gift"), "Unknown business type 'Gift'");
    }

    [Fact]
    public void Parse_NumericBusinessType_Throws()
    {
        AssertRejected(Edited(document => Section(document, "Transfer")["businessType"] = "6"), "Unknown business type '6'");
    }

    [Fact]
    public void Parse_DuplicateMaterialDefinition_Throws()
    {
        AssertRejected(
            Edited(document => document["materials"]!.AsArray().Add(new JsonObject { ["code"] = "IDENTITY", ["zh"] = "身份", ["en"] = "Identity" })),
            "Duplicate material code IDENTITY");
    }

    [Fact]
    public void Parse_DuplicateMaterialInType_Throws()
    {
        AssertRejected(
            Edited(document => Section(document, "Transfer")["materials"]!.AsArray().Add(new JsonObject { ["code"] = "IDENTITY", ["requirement"] = "Required" })),
            "duplicate material code IDENTITY");
    }

    [Fact]
    public void Parse_DuplicateBusinessTypeSection_Throws()
    {
        AssertRejected(
            Edited(document => document["businessTypes"]!.AsArray().Add(Section(document, "Seizure").DeepClone())),
            "Seizure has more than one section");
    }

    [Fact]
    public void Parse_MissingBusinessTypeSection_Throws()
    {
        AssertRejected(
            Edited(document => document["businessTypes"]!.AsArray().Remove(Section(document, "Objection"))),
            "No section for business type(s): Objection");
    }

    [Fact]
    public void Parse_UndefinedMaterial_Throws()
    {
        AssertRejected(
            Edited(document => Section(document, "Transfer")["materials"]!.AsArray().Add(new JsonObject { ["code"] = "DEED", ["requirement"] = "Required" })),
            "undefined material 'DEED'");
    }

    [Fact]
    public void Parse_ConditionalWithoutConditions_Throws()
    {
        AssertRejected(
            Edited(document => Section(document, "Transfer")["materials"]!.AsArray().Add(new JsonObject { ["code"] = "OTHER_NECESSARY_MATERIALS", ["requirement"] = "Conditional" })),
            "needs requiredWhen or waivedWhen");
    }

    [Fact]
    public void Parse_RequiredWithConditions_Throws()
    {
        AssertRejected(
            Edited(document => Section(document, "Transfer")["materials"]!.AsArray().Add(new JsonObject
            {
                ["code"] = "OTHER_NECESSARY_MATERIALS", ["requirement"] = "Required", ["requiredWhen"] = new JsonArray("AGENT_APPLIES"),
            })),
            "only a Conditional material");
    }

    [Fact]
    public void Parse_UnknownRequirement_Throws()
    {
        AssertRejected(
            Edited(document => Section(document, "Transfer")["materials"]![0]!["requirement"] = "Mandatory"),
            "requirement 'Mandatory' is not one of");
    }

    [Fact]
    public void Parse_ConditionOnCircumstanceNotApplicableToType_Throws()
    {
        AssertRejected(
            Edited(document => Section(document, "Transfer")["materials"]!.AsArray().Add(new JsonObject
            {
                ["code"] = "OTHER_NECESSARY_MATERIALS", ["requirement"] = "Conditional", ["requiredWhen"] = new JsonArray("JOINT_APPLICATION"),
            })),
            "'JOINT_APPLICATION' does not apply");
    }

    [Fact]
    public void Parse_UndefinedCircumstanceInType_Throws()
    {
        AssertRejected(
            Edited(document => Section(document, "Transfer")["circumstances"]!.AsArray().Add("GIFT")),
            "undefined circumstance 'GIFT'");
    }

    [Fact]
    public void Parse_CancellationWhoAppliesAsIndependentCircumstances_Throws()
    {
        AssertRejected(
            Edited(document =>
            {
                var section = Section(document, "MortgageCancellation");
                section.Remove("choices");
                section["circumstances"] = new JsonArray("AGENT_APPLIES", "AUTHORISED_CHANNEL", "JOINT_APPLICATION", "MORTGAGEE_ALONE", "MORTGAGOR_ALONE");
            }),
            "applicants depend on JOINT_APPLICATION, MORTGAGEE_ALONE, MORTGAGOR_ALONE");
    }

    [Fact]
    public void Parse_LowerCaseCode_Throws()
    {
        AssertRejected(
            Edited(document => document["circumstances"]!.AsArray().Add(new JsonObject { ["code"] = "gift", ["zh"] = "赠与", ["en"] = "Gift" })),
            "code 'gift'");
    }

    [Fact]
    public void Parse_MissingEnglishName_Throws()
    {
        AssertRejected(Edited(document => document["materials"]![0]!["en"] = " "), "needs a Chinese and an English name");
    }

    [Fact]
    public void Parse_UnknownProperty_Throws()
    {
        AssertRejected(Edited(document => Section(document, "Transfer")["fee"] = 80), "expected shape");
    }

    [Fact]
    public void Parse_MalformedJson_Throws()
    {
        AssertRejected("{ \"materials\": [", "expected shape");
    }
}
