namespace OneWindow.Domain.Identifiers;

/// <summary>
/// The stable sub-codes of <see cref="IdentifierError.Reason"/>: what exactly is wrong. Each identifier checks its rules
/// from left to right and reports the first that fails, so one input gives one reason, always the same.
/// </summary>
public static class IdentifierErrorReasons
{
    /// <summary>Nothing was given: null, empty, or only whitespace. All identifiers.</summary>
    public const string Empty = "EMPTY";

    /// <summary>
    /// Wrong number of characters after trimming surrounding whitespace: a unit code has 28, an ID number 18, a credit
    /// code 18, a business number 21.
    /// </summary>
    public const string Length = "LENGTH";

    /// <summary>
    /// A character is not allowed where it stands: for an ID number and a business number, a non-digit in the first 17
    /// (20) characters or a last character other than a digit or X; for a credit code, a character outside the
    /// GB 32100 alphabet <c>0-9 A-H J-N P-R T U W-Y</c> (no I, O, S, V, Z).
    /// </summary>
    public const string Characters = "CHARACTERS";

    /// <summary>
    /// The certificate number does not have the shape <c>省(年份)登记机构 + 种类 + 第NNNNNNN号</c>: the year is not in
    /// parentheses, or there is no 第.
    /// </summary>
    public const string Format = "FORMAT";

    /// <summary>
    /// The administrative division part is wrong. Unit code: characters 1–6 are not six digits or not a known
    /// county-level division (<see cref="AdministrativeDivisions.IsKnownCounty"/>). Credit code: characters 3–8 are not
    /// six digits, or neither 100000 (registered at national level) nor a code whose province is known. Business
    /// number: characters 1–6 are not a known division (<see cref="AdministrativeDivisions.Name"/>).
    /// </summary>
    public const string Division = "DIVISION";

    /// <summary>Unit code: the cadastral zone (地籍区, characters 7–9) is not three digits.</summary>
    public const string CadastralZone = "CADASTRAL_ZONE";

    /// <summary>Unit code: the cadastral subzone (地籍子区, characters 10–12) is not three digits.</summary>
    public const string CadastralSubzone = "CADASTRAL_SUBZONE";

    /// <summary>Unit code: the land ownership (character 13) is not G (state), J (collective) or Z (undetermined).</summary>
    public const string LandOwnership = "LAND_OWNERSHIP";

    /// <summary>Unit code: the parcel kind (character 14) is not one of A B S X C D E F H G W Y.</summary>
    public const string ParcelKind = "PARCEL_KIND";

    /// <summary>
    /// Unit code: the parcel kind does not go with the land ownership: A (collective land ownership) and C (homestead)
    /// exist only on collective land (J).
    /// </summary>
    public const string ParcelCombination = "PARCEL_COMBINATION";

    /// <summary>Unit code: the parcel sequence (宗地顺序号, characters 15–19) is not five digits.</summary>
    public const string ParcelSequence = "PARCEL_SEQUENCE";

    /// <summary>Unit code: the fixture kind (character 20) is not F (building), L (trees), Q (other) or W (none).</summary>
    public const string FixtureKind = "FIXTURE_KIND";

    /// <summary>
    /// Unit code: the fixture unit number (characters 21–28) is not eight digits, or is not 00000000 when the fixture
    /// kind is W (no fixture).
    /// </summary>
    public const string FixtureNumber = "FIXTURE_NUMBER";

    /// <summary>
    /// The province is unknown. ID number: the first two digits of the address code are not a known province
    /// (<see cref="AdministrativeDivisions.IsKnownProvince"/>). Certificate number: the first character is not a
    /// province abbreviation.
    /// </summary>
    public const string Province = "PROVINCE";

    /// <summary>
    /// ID number: characters 7–14 are not a real date (yyyyMMdd), or the date is before 1900-01-01 or after today
    /// (China time).
    /// </summary>
    public const string BirthDate = "BIRTH_DATE";

    /// <summary>
    /// The last character is not the check character computed from the others (ID number and business number:
    /// ISO 7064 MOD 11-2; credit code: GB 32100 MOD 31). Usually a mistyped character.
    /// </summary>
    public const string CheckCharacter = "CHECK_CHARACTER";

    /// <summary>
    /// Credit code: the first character is not a registration authority code (登记管理部门代码) that GB 32100 and its
    /// amendments define.
    /// </summary>
    public const string RegistrationAuthority = "REGISTRATION_AUTHORITY";

    /// <summary>
    /// Certificate number: the year in parentheses is not four digits, or is before 1990 or after next year (China time).
    /// </summary>
    public const string Year = "YEAR";

    /// <summary>
    /// Certificate number: the registry's name is not 1–20 Chinese characters ending in 市, 县, 区, 州, 盟 or 旗.
    /// </summary>
    public const string Registry = "REGISTRY";

    /// <summary>Certificate number: the kind before 第 is neither 不动产权 nor 不动产证明.</summary>
    public const string Kind = "KIND";

    /// <summary>
    /// The sequence is wrong. Certificate number: 第 is not followed by exactly seven digits and 号, or the sequence is
    /// 0000000. Business number: the daily sequence (characters 15–20) is 000000.
    /// </summary>
    public const string Sequence = "SEQUENCE";

    /// <summary>Business number: the acceptance date (characters 7–14) is not a real date (yyyyMMdd).</summary>
    public const string Date = "DATE";

    /// <summary>Nationality: three letters, but not an ISO 3166-1 alpha-3 code.</summary>
    public const string UnknownCountry = "UNKNOWN_COUNTRY";
}
