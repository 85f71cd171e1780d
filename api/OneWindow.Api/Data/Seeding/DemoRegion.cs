using OneWindow.Api.Data.Entities;
using OneWindow.Domain.Applications;
using OneWindow.Domain.Restrictions;
using OneWindow.Api.Data.Register;
using OneWindow.Domain.Register;
using OneWindow.Domain.Identifiers;

namespace OneWindow.Api.Data.Seeding;

/// <summary>
/// Generates the demo region, Zhaoqing Duanzhou (441202), from a fixed seed: the same parcels, buildings, units,
/// owners, mortgages, seizures, objections, advance notices and register history on every run. The same generator
/// fills the embedded demo file, the test databases and the large regions of scale tests.
/// </summary>
public sealed class DemoRegion
{
    public const string Division = "441202";
    public const string RegistryName = "肇庆市";
    public const char Province = '粤';
    public const string DistrictName = "肇庆市端州区";

    /// <summary>Registrations in the demo data happen between these dates (China time), so every run is the same.</summary>
    private static readonly DateOnly FirstDay = new(2012, 1, 1);
    private static readonly DateOnly LastDay = new(2025, 10, 31);
    private static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    private static readonly string[] Roads =
    [
        "天宁北路", "天宁南路", "端州一路", "端州二路", "端州三路", "端州四路", "端州五路", "星湖大道", "信安大道", "建设一路",
        "建设二路", "建设三路", "康乐北路", "康乐中路", "宋城一路", "宋城二路", "江滨西路", "江滨东路", "沥湖路", "古塔中路",
        "正东路", "正西路", "城中路", "前进路", "跃龙路", "牌坊路", "黄岗路", "睦岗路", "龙顶岗路", "北岭路",
    ];

    private static readonly string[] EstatePrefixes = ["星湖", "景湖", "岭南", "西江", "端溪", "宋城", "七星", "牌坊", "龙顶", "披云", "砚都", "阅江", "丽湖", "紫荆", "君悦"];
    private static readonly string[] EstateSuffixes = ["花园", "雅苑", "名都", "华庭", "新城", "御景", "豪庭", "公馆", "家园", "小区"];
    private static readonly string[] Surnames =
        ["陈", "李", "黄", "张", "梁", "林", "刘", "吴", "罗", "何", "郑", "杨", "谢", "冯", "邓", "麦", "苏", "叶", "区", "莫", "卢", "关", "伍", "潘", "余", "彭", "钟", "曾", "谭", "简"];
    private static readonly string[] GivenNameCharacters =
        ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀", "霞", "平", "刚", "桂", "英", "华", "文", "建", "国", "志", "嘉", "欣", "婷", "俊", "锦", "辉", "荣", "海", "健", "慧", "思", "颖"];
    private static readonly string[] CompanyWords = ["端砚", "星湖", "西江", "鼎盛", "裕丰", "华粤", "宏达", "恒信", "粤通", "联邦", "金辉", "嘉信"];
    private static readonly string[] CompanyTrades = ["贸易", "实业", "投资", "物流", "餐饮", "电子", "建材", "科技"];
    private static readonly string[] AddressCodes = ["441202", "441202", "441202", "441203", "441204", "441284", "440103", "440306", "441223", "450103"];

    private readonly DemoRegionOptions _options;
    private readonly Random _random;
    private readonly Dictionary<(int Year, CertificateKind Kind), int> _certificateSequences = [];
    private readonly Dictionary<DateOnly, int> _businessSequences = [];
    private readonly HashSet<string> _idNumbers = [];
    private readonly List<long> _reusableOwners = [];
    /// <summary>
    /// The identities entries record, by party id: those of the parties that recur (banks, the developer, the citizen,
    /// reusable owners) for the whole run, the others only until their batch is handed over.
    /// </summary>
    private readonly Dictionary<long, PartyIdentity> _identities = [];
    private readonly HashSet<long> _recurring = [];
    private long _parcelId, _buildingId, _unitId, _partyId, _rightId, _holderId, _restrictionId, _entryId, _certificateId;
    /// <summary>
    /// Draws the certificates' verification codes apart from <see cref="_random"/>, so the region stays as it was. Note:
    /// demo codes follow from the published seed; a registry's own certificates get random codes (CertificateProduction).
    /// </summary>
    private readonly Random _codes;

    public DemoRegion(DemoRegionOptions options)
    {
        _options = options;
        _random = new Random(options.Seed);
        _codes = new Random(options.Seed + 16);
    }

    /// <summary>The partners of the demo, in the order their ids are given.</summary>
    public static IReadOnlyList<DemoPartner> Partners { get; } =
    [
        new("demo-bank", "肇庆示范商业银行股份有限公司端州支行", PartnerKind.Bank, "91441202MA0000001"),
        new("demo-developer", "肇庆示范置业有限公司", PartnerKind.Developer, "91441202MA0000002"),
        new("demo-agency", "肇庆示范不动产登记代理有限公司", PartnerKind.Agency, "91441202MA0000003"),
        new("demo-court", "肇庆市端州区人民法院", PartnerKind.Court, "11441202000000004"),
        new("demo-verifier", "示范核验科技有限公司", PartnerKind.Verifier, "91441202MA0000005"),
    ];

    /// <summary>Other mortgagees in the region, beside the demo bank.</summary>
    private static readonly (string Name, string CodeStem)[] OtherBanks =
    [
        ("岭南示范银行股份有限公司肇庆分行", "91441202MA0000011"),
        ("西江示范农村商业银行股份有限公司", "91441202MA0000012"),
    ];

    /// <summary>The courts that seize in the region: the first is demo-court's organisation.</summary>
    private static readonly (string Name, string CodeStem)[] Courts =
        [("肇庆市端州区人民法院", "11441202000000004"), ("肇庆市中级人民法院", "11441200000000006")];

    /// <summary>The citizen of the demo (demo-citizen): owns the first two person-owned units.</summary>
    public static DemoCitizen Citizen { get; } = new("李明华", ResidentIdNumber.Create("441202", new DateOnly(1985, 3, 15), 101).ToString());

    private long _demoDeveloperPartyId, _citizenPartyId;
    private readonly long[] _courtPartyIds = new long[Courts.Length];
    private readonly List<(long PartyId, string Name)> _banks = [];
    private int _citizenUnits;

    public IEnumerable<RegionBatch> Generate()
    {
        var batch = new RegionBatch();
        AddFixedParties(batch);
        var remaining = _options.Units;
        var zone = 1;
        var subzone = 1;
        var parcelInSubzone = 0;
        while (remaining > 0)
        {
            parcelInSubzone++;
            if (parcelInSubzone > 60)
            {
                parcelInSubzone = 1;
                subzone++;
                if (subzone > 20)
                {
                    subzone = 1;
                    zone++;
                }
            }
            remaining -= AddParcel(batch, zone, subzone, parcelInSubzone, remaining);
            if (batch.Units.Count >= _options.BatchUnits)
            {
                yield return batch;
                batch = new RegionBatch();
                foreach (var id in _identities.Keys.Where(id => !_recurring.Contains(id)).ToList())
                {
                    _identities.Remove(id);
                }
            }
        }
        if (!batch.IsEmpty)
        {
            yield return batch;
        }
    }

    private void AddFixedParties(RegionBatch batch)
    {
        var partnerId = 0L;
        foreach (var partner in Partners)
        {
            var code = CreditCode(partner.CodeStem);
            batch.Partners.Add(new Partner
            {
                Id = ++partnerId,
                Name = partner.Name,
                CreditCode = code,
                Kind = partner.Kind,
                Status = PartnerStatus.Approved,
                CreatedAt = new DateTime(2025, 1, 2, 1, 0, 0, DateTimeKind.Utc),
            });
            if (partner.Kind is PartnerKind.Bank or PartnerKind.Developer)
            {
                var party = Organisation(batch, partner.Name, code);
                if (partner.Kind == PartnerKind.Bank)
                {
                    // The demo bank comes first: it holds most mortgages and every building-under-construction one.
                    _banks.Add((party, partner.Name));
                }
                else
                {
                    _demoDeveloperPartyId = party;
                }
            }
        }
        foreach (var (name, stem) in OtherBanks)
        {
            _banks.Add((Organisation(batch, name, CreditCode(stem)), name));
        }
        // A seizure names its court by credit code: only that court may release it.
        for (var i = 0; i < Courts.Length; i++)
        {
            _courtPartyIds[i] = Organisation(batch, Courts[i].Name, CreditCode(Courts[i].CodeStem));
        }
        _citizenPartyId = ++_partyId;
        _idNumbers.Add(Citizen.IdNumber);
        AddParty(batch, new Party { Id = _citizenPartyId, Kind = PartyKind.Person, Name = Citizen.Name, IdType = IdentityDocumentType.ResidentId, IdNumber = Citizen.IdNumber, Phone = "13800000000" });
        _recurring.UnionWith(_identities.Keys);
    }

    /// <summary>A valid credit code from its first 17 characters (the check character is computed).</summary>
    private static string CreditCode(string first17) => UnifiedSocialCreditCode.Create(first17).ToString();

    private long Organisation(RegionBatch batch, string name, string creditCode)
    {
        var id = ++_partyId;
        AddParty(batch, new Party { Id = id, Kind = PartyKind.Organisation, Name = name, IdType = IdentityDocumentType.CreditCode, IdNumber = creditCode });
        return id;
    }

    private void AddParty(RegionBatch batch, Party party)
    {
        batch.Parties.Add(party);
        _identities[party.Id] = RegisterSnapshots.Identity(party);
    }

    private PartyIdentity IdentityOf(long partyId) => _identities[partyId];

    /// <summary>The unit enters the register when its parcel's land was granted (no random draw: the region stays as it was).</summary>
    private void EnterUnit(RegionBatch batch, RealEstateUnit unit, DateOnly grantDay) =>
        batch.Entries.Add(Numbered(RegisterAppend.UnitEntered(unit, DateTime.SpecifyKind(grantDay.ToDateTime(new TimeOnly(9, 0)) - ChinaOffset, DateTimeKind.Utc))));

    /// <summary>Adds one parcel with its buildings and units; returns how many units it added.</summary>
    private int AddParcel(RegionBatch batch, int zone, int subzone, int sequence, int remaining)
    {
        var commercial = _random.NextDouble() < 0.15;
        var underConstruction = !commercial && _random.NextDouble() < 0.04;
        var road = Roads[_random.Next(Roads.Length)];
        var estate = EstatePrefixes[_random.Next(EstatePrefixes.Length)] + (commercial ? "商业广场" : EstateSuffixes[_random.Next(EstateSuffixes.Length)]);
        var location = $"{DistrictName}{road}{_random.Next(1, 300)}号{estate}";
        var grantDay = RandomDay(FirstDay.AddYears(-8), FirstDay.AddYears(2));
        var parcelCodeUnit = UnitCode.Create(Division, Zone(zone), Zone(subzone), 'G', 'B', sequence, 'W', 0, 0);
        var parcel = new Parcel
        {
            Id = ++_parcelId,
            ParcelCode = parcelCodeUnit.ParcelCode,
            Division = Division,
            Location = location,
            LandArea = _random.Next(3000, 40000),
            LandUse = commercial ? "商服用地" : "城镇住宅用地",
            LandRightNature = "出让",
            LandTermEnd = grantDay.AddYears(commercial ? 40 : 70),
        };
        batch.Parcels.Add(parcel);

        var added = 0;
        if (underConstruction)
        {
            added += AddLandUnitUnderConstruction(batch, parcel, parcelCodeUnit, grantDay);
        }
        var buildings = commercial ? 1 : _random.Next(1, 7);
        for (var b = 1; b <= buildings && added < remaining; b++)
        {
            var floors = commercial ? _random.Next(2, 5) : _random.Next(6, 34);
            var perFloor = commercial ? _random.Next(4, 11) : _random.Next(2, 7);
            var building = new Building
            {
                Id = ++_buildingId,
                ParcelId = parcel.Id,
                BuildingNumber = b.ToString("D4", System.Globalization.CultureInfo.InvariantCulture),
                Name = $"{b}幢",
                Floors = floors,
                Stage = underConstruction ? BuildingStage.UnderConstruction : BuildingStage.Completed,
            };
            batch.Buildings.Add(building);
            for (var floor = 1; floor <= floors && added < remaining; floor++)
            {
                for (var k = 1; k <= perFloor && added < remaining; k++)
                {
                    var room = floor * 100 + k;
                    var unit = new RealEstateUnit
                    {
                        Id = ++_unitId,
                        UnitCode = UnitCode.Create(Division, Zone(zone), Zone(subzone), 'G', 'B', sequence, 'F', b, room).ToString(),
                        ParcelId = parcel.Id,
                        BuildingId = building.Id,
                        Location = $"{location}{b}幢{room}{(commercial ? "号商铺" : "房")}",
                        Floor = floor,
                        RoomNumber = room.ToString(System.Globalization.CultureInfo.InvariantCulture),
                        Area = Math.Round((decimal)(commercial ? 30 + _random.NextDouble() * 120 : 60 + _random.NextDouble() * 100), 2),
                        Use = commercial ? "商业" : "住宅",
                        Kind = UnitKind.House,
                    };
                    unit.InteriorArea = Math.Round(unit.Area * 0.82m, 2);
                    batch.Units.Add(unit);
                    EnterUnit(batch, unit, grantDay);
                    added++;
                    if (underConstruction)
                    {
                        AddPresale(batch, unit);
                    }
                    else
                    {
                        AddHistory(batch, unit, parcel, commercial, grantDay);
                    }
                }
            }
        }
        return added;
    }

    /// <summary>A parcel still being built: the developer's land use right, usually mortgaged while under construction.</summary>
    private int AddLandUnitUnderConstruction(RegionBatch batch, Parcel parcel, UnitCode landCode, DateOnly grantDay)
    {
        var unit = new RealEstateUnit
        {
            Id = ++_unitId,
            UnitCode = landCode.ToString(),
            ParcelId = parcel.Id,
            Location = parcel.Location,
            Area = parcel.LandArea,
            Use = parcel.LandUse,
            Kind = UnitKind.Land,
        };
        batch.Units.Add(unit);
        EnterUnit(batch, unit, grantDay);
        var day = RandomDay(new DateOnly(2023, 1, 1), new DateOnly(2024, 6, 30));
        var right = NewRight(unit, RightKind.LandUse, day, CertificateKind.Title);
        right.Nature = "出让";
        right.TermStart = grantDay;
        right.TermEnd = parcel.LandTermEnd;
        AddHolder(batch, right, _demoDeveloperPartyId, HolderRole.Holder, null, 0);
        Register(batch, unit, right);
        if (_random.NextDouble() < 0.7)
        {
            AddMortgage(batch, unit, [_demoDeveloperPartyId], MortgageKind.BuildingUnderConstruction, RandomDay(day.AddDays(30), day.AddDays(300)), 50_000_000_00L + _random.Next(0, 100) * 1_000_000_00L, ended: false);
        }
        return 1;
    }

    /// <summary>A unit of a building under construction: no title yet, often an advance notice for its buyer.</summary>
    private void AddPresale(RegionBatch batch, RealEstateUnit unit)
    {
        if (_random.NextDouble() < 0.45)
        {
            var buyer = NewPerson(batch);
            var day = RandomDay(new DateOnly(2024, 7, 1), LastDay);
            var restriction = NewRestriction(unit, RestrictionKind.AdvanceNotice, buyer.Name, day);
            restriction.BeneficiaryPartyId = buyer.Id;
            restriction.DocumentNumber = CertificateNumberFor(CertificateKind.Registration, day.Year);
            restriction.Notes = "预购商品房买卖预告登记";
            Register(batch, unit, restriction);
        }
    }

    private void AddHistory(RegionBatch batch, RealEstateUnit unit, Parcel parcel, bool commercial, DateOnly grantDay)
    {
        var day = RandomDay(Max(grantDay.AddYears(2), FirstDay), LastDay.AddDays(-200));
        var ownership = NewRight(unit, RightKind.LandUseAndHouseOwnership, day, CertificateKind.Title);
        ownership.Nature = commercial ? "出让/自建房" : "出让/市场化商品房";
        ownership.TermStart = grantDay;
        ownership.TermEnd = parcel.LandTermEnd;

        var owners = new List<long>();
        var company = _random.NextDouble() < (commercial ? 0.6 : 0.08);
        if (company)
        {
            owners.Add(NewCompany(batch));
            AddHolder(batch, ownership, owners[0], HolderRole.Holder, null, 0);
        }
        else
        {
            owners.Add(_citizenUnits < 2 && !commercial ? CitizenUnit() : Owner(batch));
            var shape = _random.NextDouble();
            if (shape < 0.7 || owners[0] == _citizenPartyId)
            {
                AddHolder(batch, ownership, owners[0], HolderRole.Holder, null, 0);
            }
            else
            {
                owners.Add(NewPerson(batch).Id);
                ownership.CoOwnership = shape < 0.9 ? CoOwnership.Joint : CoOwnership.InShares;
                decimal? first = ownership.CoOwnership == CoOwnership.InShares ? (_random.NextDouble() < 0.5 ? 50m : 60m) : null;
                AddHolder(batch, ownership, owners[0], HolderRole.Holder, first, 0);
                AddHolder(batch, ownership, owners[1], HolderRole.Holder, first is null ? null : 100m - first, 1);
            }
        }
        Register(batch, unit, ownership);

        var value = (long)(unit.Area * (commercial ? 18000m : 11000m)) * 100;
        var next = day.AddDays(_random.Next(1, 60));
        if (_random.NextDouble() < 0.12 && next < LastDay.AddDays(-400))
        {
            // A mortgage paid off and cancelled: history the register keeps.
            next = AddMortgage(batch, unit, owners, MortgageKind.General, next, value * _random.Next(30, 70) / 100, ended: true).AddDays(_random.Next(10, 200));
        }
        if (next < LastDay && _random.NextDouble() < (company ? 0.25 : 0.35))
        {
            var kind = company ? MortgageKind.MaximumAmount : MortgageKind.General;
            next = AddMortgage(batch, unit, owners, kind, next, value * _random.Next(30, 70) / 100, ended: false).AddDays(_random.Next(10, 300));
        }
        if (next < LastDay && _random.NextDouble() < 0.02)
        {
            next = AddSeizure(batch, unit, Max(next, new DateOnly(2023, 1, 1)));
        }
        if (next < LastDay && _random.NextDouble() < 0.006)
        {
            var objector = NewPerson(batch);
            var objectionDay = Min(Max(next, new DateOnly(2025, 1, 1)), LastDay);
            var objection = NewRestriction(unit, RestrictionKind.Objection, objector.Name, objectionDay);
            objection.BeneficiaryPartyId = objector.Id;
            objection.Notes = "异议事项：房屋所有权归属争议（异议人已在十五日内起诉）";
            objection.DocumentNumber = CertificateNumberFor(CertificateKind.Registration, objectionDay.Year);
            Register(batch, unit, objection);
        }
    }

    private long CitizenUnit()
    {
        _citizenUnits++;
        return _citizenPartyId;
    }

    private DateOnly AddMortgage(RegionBatch batch, RealEstateUnit unit, IReadOnlyList<long> mortgagors, MortgageKind kind, DateOnly day, long amountFen, bool ended)
    {
        var bank = _random.NextDouble() < 0.45 || kind == MortgageKind.BuildingUnderConstruction ? _banks[0] : _banks[_random.Next(_banks.Count)];
        var mortgage = NewRight(unit, RightKind.Mortgage, day, CertificateKind.Registration);
        mortgage.MortgageKind = kind;
        mortgage.SecuredAmountFen = amountFen / 100_000 * 100_000;
        mortgage.TermStart = day;
        mortgage.TermEnd = day.AddYears(kind == MortgageKind.General ? _random.Next(2, 7) * 5 : 3);
        mortgage.Nature = kind switch
        {
            MortgageKind.MaximumAmount => "最高额抵押",
            MortgageKind.BuildingUnderConstruction => "在建建筑物抵押",
            _ => "一般抵押",
        };
        AddHolder(batch, mortgage, bank.PartyId, HolderRole.Holder, null, 0);
        for (var i = 0; i < mortgagors.Count; i++)
        {
            AddHolder(batch, mortgage, mortgagors[i], HolderRole.Obligor, null, i + 1);
        }
        var restriction = NewRestriction(unit, RestrictionKind.Mortgage, bank.Name, day);
        restriction.RightId = mortgage.Id;
        restriction.DocumentNumber = mortgage.CertificateNumber;
        restriction.EndsOn = mortgage.TermEnd;
        restriction.BusinessNumber = mortgage.BusinessNumber;
        restriction.RegisteredAt = mortgage.RegisteredAt;
        Register(batch, unit, mortgage);
        Register(batch, unit, restriction);
        if (!ended)
        {
            return day;
        }
        var endDay = RandomDay(day.AddDays(200), Min(day.AddYears(5), LastDay.AddDays(-100)));
        var endedAt = Timestamp(endDay);
        var cancellation = BusinessNumberFor(endDay);
        mortgage.Status = RightStatus.Ended;
        mortgage.EndedAt = endedAt;
        var certificate = batch.Certificates.Last(c => c.Number == mortgage.CertificateNumber);
        certificate.Status = CertificateStatus.Cancelled;
        certificate.StatusChangedAt = endedAt;
        restriction.Status = RestrictionStatus.Released;
        restriction.ReleasedAt = endedAt;
        restriction.ReleaseDocumentNumber = cancellation;
        batch.Entries.Add(Numbered(RegisterAppend.RightEnded(unit, mortgage, IdentityOf, cancellation, endedAt)));
        batch.Entries.Add(Numbered(RegisterAppend.RestrictionReleased(unit, restriction, IdentityOf, cancellation, endedAt)));
        return endDay;
    }

    private DateOnly AddSeizure(RegionBatch batch, RealEstateUnit unit, DateOnly day)
    {
        var courtIndex = _random.Next(Courts.Length);
        var court = Courts[courtIndex].Name;
        var seizure = NewRestriction(unit, RestrictionKind.Seizure, court, day);
        seizure.BeneficiaryPartyId = _courtPartyIds[courtIndex];
        seizure.DocumentNumber = $"({day.Year}){(courtIndex == 0 ? "粤1202" : "粤12")}执{_random.Next(100, 9999)}号";
        seizure.EndsOn = day.AddYears(3);
        seizure.Notes = "协助执行通知书：查封期限三年";
        Register(batch, unit, seizure);
        if (_random.NextDouble() < 0.25 && day < LastDay.AddDays(-120))
        {
            var releaseDay = RandomDay(day.AddDays(30), LastDay);
            var releasedAt = Timestamp(releaseDay);
            seizure.Status = RestrictionStatus.Released;
            seizure.ReleasedAt = releasedAt;
            seizure.ReleaseDocumentNumber = $"({releaseDay.Year}){(courtIndex == 0 ? "粤1202" : "粤12")}执恢{_random.Next(100, 9999)}号";
            batch.Entries.Add(Numbered(RegisterAppend.RestrictionReleased(unit, seizure, IdentityOf, BusinessNumberFor(releaseDay), releasedAt)));
            return releaseDay;
        }
        return day;
    }

    private Right NewRight(RealEstateUnit unit, RightKind kind, DateOnly day, CertificateKind certificate) => new()
    {
        Id = ++_rightId,
        UnitId = unit.Id,
        Kind = kind,
        Status = RightStatus.Active,
        CoOwnership = CoOwnership.Sole,
        CertificateNumber = CertificateNumberFor(certificate, day.Year),
        BusinessNumber = BusinessNumberFor(day),
        RegisteredAt = Timestamp(day),
    };

    private Restriction NewRestriction(RealEstateUnit unit, RestrictionKind kind, string authority, DateOnly day) => new()
    {
        Id = ++_restrictionId,
        UnitId = unit.Id,
        Kind = kind,
        Status = RestrictionStatus.Active,
        Authority = authority,
        StartsOn = day,
        BusinessNumber = BusinessNumberFor(day),
        RegisteredAt = Timestamp(day),
    };

    private void AddHolder(RegionBatch batch, Right right, long partyId, HolderRole role, decimal? share, int position)
    {
        var holder = new RightHolder { Id = ++_holderId, RightId = right.Id, PartyId = partyId, Role = role, SharePercent = share, Position = position };
        right.Holders.Add(holder);
        batch.Holders.Add(holder);
    }

    private void Register(RegionBatch batch, RealEstateUnit unit, Right right)
    {
        batch.Rights.Add(right);
        batch.Entries.Add(Numbered(RegisterAppend.RightRegistered(unit, right, IdentityOf, right.RegisteredAt)));
        Certify(batch, right.CertificateNumber!, right.BusinessNumber, right.RegisteredAt);
    }

    private void Register(RegionBatch batch, RealEstateUnit unit, Restriction restriction)
    {
        batch.Restrictions.Add(restriction);
        batch.Entries.Add(Numbered(RegisterAppend.RestrictionRegistered(unit, restriction, IdentityOf, restriction.RegisteredAt)));
        if (restriction.Kind is RestrictionKind.AdvanceNotice or RestrictionKind.Objection && restriction.DocumentNumber is { } number)
        {
            Certify(batch, number, restriction.BusinessNumber, restriction.RegisteredAt);
        }
    }

    /// <summary>The electronic certificate of a number, issued the day it was registered; produced on first use.</summary>
    private void Certify(RegionBatch batch, string number, string? businessNumber, DateTime registeredAt)
    {
        var code = string.Create(8, _codes, (span, random) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = CertificateCodeAlphabet[random.Next(CertificateCodeAlphabet.Length)];
            }
        });
        batch.Certificates.Add(new Certificate
        {
            Id = ++_certificateId,
            Number = number,
            Kind = CertificateNumber.Parse(number, LastDay.AddYears(1)).Kind,
            BusinessNumber = businessNumber,
            VerificationCode = code,
            IssuedOn = DateOnly.FromDateTime(registeredAt + ChinaOffset),
            IssuedAt = registeredAt,
        });
    }

    /// <summary>As <c>CertificateProduction.CodeAlphabet</c> (Data does not reference the features).</summary>
    private const string CertificateCodeAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

    private RegisterEntry Numbered(RegisterEntry entry)
    {
        entry.Id = ++_entryId;
        return entry;
    }

    /// <summary>An owner: mostly a new person, sometimes one who already owns a unit here.</summary>
    private long Owner(RegionBatch batch)
    {
        if (_reusableOwners.Count > 20 && _random.NextDouble() < 0.12)
        {
            return _reusableOwners[_random.Next(_reusableOwners.Count)];
        }
        var person = NewPerson(batch);
        if (_reusableOwners.Count < 5000)
        {
            _reusableOwners.Add(person.Id);
            _recurring.Add(person.Id);
        }
        return person.Id;
    }

    private Party NewPerson(RegionBatch batch)
    {
        var name = Surnames[_random.Next(Surnames.Length)] + GivenNameCharacters[_random.Next(GivenNameCharacters.Length)]
            + (_random.NextDouble() < 0.75 ? GivenNameCharacters[_random.Next(GivenNameCharacters.Length)] : "");
        string idNumber;
        do
        {
            var birth = new DateOnly(1950, 1, 1).AddDays(_random.Next(0, 365 * 52));
            idNumber = ResidentIdNumber.Create(AddressCodes[_random.Next(AddressCodes.Length)], birth, _random.Next(1, 1000)).ToString();
        }
        while (!_idNumbers.Add(idNumber));
        var party = new Party
        {
            Id = ++_partyId,
            Kind = PartyKind.Person,
            Name = name,
            IdType = IdentityDocumentType.ResidentId,
            IdNumber = idNumber,
            Phone = "13" + _random.Next(100_000_000, 999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        AddParty(batch, party);
        return party;
    }

    private long NewCompany(RegionBatch batch)
    {
        const string alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        string code;
        do
        {
            var organisation = string.Create(9, _random, (span, random) =>
            {
                for (var i = 0; i < span.Length; i++)
                {
                    span[i] = alphabet[random.Next(alphabet.Length)];
                }
            });
            code = CreditCode("91" + Division + organisation);
        }
        while (!_idNumbers.Add(code));
        var name = $"肇庆市{CompanyWords[_random.Next(CompanyWords.Length)]}{CompanyTrades[_random.Next(CompanyTrades.Length)]}有限公司";
        return Organisation(batch, name, code);
    }

    private string CertificateNumberFor(CertificateKind kind, int year)
    {
        var key = (year, kind);
        _certificateSequences[key] = _certificateSequences.GetValueOrDefault(key) + 1;
        return CertificateNumber.Create(Province, year, RegistryName, kind, _certificateSequences[key]).ToString();
    }

    private string BusinessNumberFor(DateOnly day)
    {
        _businessSequences[day] = _businessSequences.GetValueOrDefault(day) + 1;
        return BusinessNumber.Create(Division, day, _businessSequences[day]).ToString();
    }

    private DateOnly RandomDay(DateOnly from, DateOnly to) =>
        to <= from ? from : from.AddDays(_random.Next(0, to.DayNumber - from.DayNumber + 1));

    /// <summary>A time during office hours (09:00–17:00 China time) of that day, in UTC.</summary>
    private DateTime Timestamp(DateOnly day)
    {
        var local = day.ToDateTime(new TimeOnly(9, 0)).AddSeconds(_random.Next(0, 8 * 3600));
        return DateTime.SpecifyKind(local - ChinaOffset, DateTimeKind.Utc);
    }

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    private static string Zone(int number) => number.ToString("D3", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>A demo partner: its OAuth client id, name, kind and the first 17 characters of its credit code.</summary>
public sealed record DemoPartner(string ClientId, string Name, PartnerKind Kind, string CodeStem);

public sealed record DemoCitizen(string Name, string IdNumber);
