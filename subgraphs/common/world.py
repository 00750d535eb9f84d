# ruff: noqa: RUF001 - Chinese text uses full-width punctuation
"""The synthetic population every department derives its records from.

Departments never talk to each other to seed: each one calls :func:`build_world` with the
same ``(seed, persons, enterprises)`` and gets the same persons, households, marriages,
enterprises, jobs and allowances, then keeps only what it would really hold. Everything
comes from ``random.Random`` instances seeded with strings (stable across processes and
Python versions, unaffected by hash randomisation) and from a fixed reference date, never
from the clock.

The world is cheap to build (under a second for the default 10,000 persons)
and is cached per parameters within a process.
"""

from __future__ import annotations

import datetime
import functools
import itertools
import random
from dataclasses import dataclass, field

from .ids import make_credit_code, make_id_number

#: "today" of the synthetic data: ages, due vaccinations and filing periods are relative to it
REFERENCE_DATE = datetime.date(2025, 6, 30)
DEFAULT_SEED = 20250630
DEFAULT_PERSONS = 10_000
DEFAULT_ENTERPRISES = 2_000

# county-level divisions (GB/T 2260): code, province, city, district
REGIONS = (
    ("110101", "北京市", "北京市", "东城区"),
    ("110105", "北京市", "北京市", "朝阳区"),
    ("110108", "北京市", "北京市", "海淀区"),
    ("310104", "上海市", "上海市", "徐汇区"),
    ("310115", "上海市", "上海市", "浦东新区"),
    ("320102", "江苏省", "南京市", "玄武区"),
    ("320506", "江苏省", "苏州市", "吴中区"),
    ("330106", "浙江省", "杭州市", "西湖区"),
    ("370102", "山东省", "济南市", "历下区"),
    ("420106", "湖北省", "武汉市", "武昌区"),
    ("440106", "广东省", "广州市", "天河区"),
    ("440305", "广东省", "深圳市", "南山区"),
    ("500103", "重庆市", "重庆市", "渝中区"),
    ("510107", "四川省", "成都市", "武侯区"),
    ("610113", "陕西省", "西安市", "雁塔区"),
)
STREETS = (
    *("人民路", "解放路", "中山路", "建设路", "和平街", "文化路", "胜利路", "新华路"),
    *("光明路", "朝阳路", "青年路", "学府路", "滨江路", "长江路", "黄河路"),
)
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶"
    "程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵万钱严武戴莫孔向汤"
)
GIVEN_MALE = "伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宇浩凯健俊帆帅旭宁龙林阳建国志峰晨"
GIVEN_FEMALE = "芳娜敏静丽艳娟霞燕玲婷雪琳慧颖洁琴晶倩梅莉兰红月凤秀英佳悦欣怡萍"
ETHNICITIES = (("汉族", 92), ("回族", 2), ("满族", 2), ("壮族", 2), ("蒙古族", 1), ("土家族", 1))
BRANDS = "华鑫恒盛泰瑞祥和兴达隆丰源通利嘉宏远博创新科智汇德信诚安康美正天启航星辰明海"
#: industry word in the name, business scope, extra licence kind (None: business licence only)
INDUSTRIES = (
    ("科技", "软件开发；信息技术咨询服务；数据处理服务", None),
    ("餐饮管理", "餐饮服务；食品销售；餐饮管理", "FOOD"),
    ("食品", "食品生产；食品销售；农副产品销售", "FOOD"),
    ("机械制造", "通用设备制造；机械零部件加工", "INDUSTRIAL"),
    ("电子", "电子元器件制造；电线电缆制造", "INDUSTRIAL"),
    ("贸易", "日用百货销售；货物进出口；技术进出口", None),
    ("建筑工程", "建设工程施工；园林绿化工程施工", None),
    ("物流", "道路货物运输；国内货物运输代理；仓储服务", None),
    ("商贸", "食品销售；日用品批发；五金产品零售", "FOOD"),
    ("咨询", "企业管理咨询；市场调查；会议及展览服务", None),
)
ENTERPRISE_TYPES = (
    ("LIMITED_LIABILITY_COMPANY", "有限公司", 80),
    ("JOINT_STOCK_COMPANY", "股份有限公司", 8),
    ("SOLE_PROPRIETORSHIP", "商行（个人独资）", 7),
    ("PARTNERSHIP", "企业管理中心（有限合伙）", 5),
)
POSITIONS = (
    *("职员", "工程师", "会计", "销售代表", "项目经理", "技术员"),
    *("行政专员", "司机", "厨师", "仓库管理员", "质检员", "部门经理"),
)


@dataclass(slots=True)
class Region:
    code: str
    province: str
    city: str
    district: str


@dataclass(slots=True)
class Address:
    province: str
    city: str
    district: str
    street: str


@dataclass(slots=True)
class Person:
    index: int
    id_number: str
    name: str
    gender: str  # MALE / FEMALE, as the 17th digit says
    birth_date: datetime.date
    ethnicity: str
    household: int  # index into World.households
    relation: str  # relation to the head of household: 户主 配偶 子 女 父亲 母亲
    spouse: int | None = None
    employer: int | None = None  # index into World.enterprises
    position: str | None = None
    employed_since: datetime.date | None = None
    monthly_wage: int = 0  # yuan


@dataclass(slots=True)
class Household:
    index: int
    number: str
    region: Region
    address: Address
    police_station: str
    members: list[int] = field(default_factory=list)


@dataclass(slots=True)
class Marriage:
    certificate_number: str
    husband: int
    wife: int
    registered_on: datetime.date
    office: str


@dataclass(slots=True)
class Enterprise:
    index: int
    credit_code: str
    name: str
    kind: str  # ENTERPRISE_TYPES key
    industry: int  # index into INDUSTRIES
    region: Region
    address: Address
    established_on: datetime.date
    registered_capital: int  # yuan
    legal_representative: int  # person index
    status: str  # ACTIVE / REVOKED / CANCELLED
    risk_score: int  # market regulation's internal supervision score, 0-100
    annual_revenue: int  # yuan, declared to the tax authority
    late_filing_rate: float
    in_tax_arrears: bool
    in_insurance_arrears: bool
    employees: list[int] = field(default_factory=list)


@dataclass(slots=True)
class Allowance:
    allowance_id: str
    kind: str  # SUBSISTENCE / ELDERLY
    recipient: int  # person index
    household: int
    monthly_amount: int  # yuan
    started_on: datetime.date


@dataclass
class World:
    seed: int
    persons: list[Person]
    households: list[Household]
    marriages: list[Marriage]
    enterprises: list[Enterprise]
    allowances: list[Allowance]

    def person_by_id(self, id_number: str) -> Person:
        return self.persons[self._person_index[id_number]]

    def enterprise_by_code(self, credit_code: str) -> Enterprise:
        return self.enterprises[self._enterprise_index[credit_code]]

    @functools.cached_property
    def _person_index(self) -> dict[str, int]:
        return {p.id_number: p.index for p in self.persons}

    @functools.cached_property
    def _enterprise_index(self) -> dict[str, int]:
        return {e.credit_code: e.index for e in self.enterprises}

    def age(self, person: Person, on: datetime.date = REFERENCE_DATE) -> int:
        return years_between(person.birth_date, on)


def years_between(start: datetime.date, end: datetime.date) -> int:
    return end.year - start.year - ((end.month, end.day) < (start.month, start.day))


def add_years(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def add_months(day: datetime.date, months: int) -> datetime.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return datetime.date(year, month, candidate)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def _random_date(rng: random.Random, start: datetime.date, end: datetime.date) -> datetime.date:
    span = (end - start).days
    return start + datetime.timedelta(days=rng.randint(0, max(span, 0)))


class _Generator:
    def __init__(self, seed: int, persons: int, enterprises: int) -> None:
        self.seed = seed
        self.target_persons = persons
        self.target_enterprises = enterprises
        self.persons: list[Person] = []
        self.households: list[Household] = []
        self.marriages: list[Marriage] = []
        self.enterprises: list[Enterprise] = []
        self.allowances: list[Allowance] = []
        self.used_ids: set[str] = set()

    def rng(self, stream: str) -> random.Random:
        return random.Random(f"tongban:{self.seed}:{stream}")

    # -------------------------------------------------------------- persons and households

    def new_id(self, rng: random.Random, region: str, birth: datetime.date, gender: str) -> str:
        while True:
            sequence = rng.randrange(0, 999, 2) + (1 if gender == "MALE" else 0)
            id_number = make_id_number(region, birth, sequence)
            if id_number not in self.used_ids:
                self.used_ids.add(id_number)
                return id_number

    def new_person(
        self, rng: random.Random, household: Household, relation: str, gender: str, birth: datetime.date, surname: str
    ) -> Person:
        given = GIVEN_MALE if gender == "MALE" else GIVEN_FEMALE
        name = surname + "".join(rng.choice(given) for _ in range(rng.choice((1, 2, 2))))
        ethnicity = rng.choices([e for e, _ in ETHNICITIES], weights=[w for _, w in ETHNICITIES])[0]
        # people born elsewhere keep the region code of where they were first registered
        origin = household.region.code if rng.random() < 0.7 else rng.choice(REGIONS)[0]
        person = Person(
            index=len(self.persons),
            id_number=self.new_id(rng, origin, birth, gender),
            name=name,
            gender=gender,
            birth_date=birth,
            ethnicity=ethnicity,
            household=household.index,
            relation=relation,
        )
        self.persons.append(person)
        household.members.append(person.index)
        return person

    def populate(self) -> None:
        rng = self.rng("households")
        marriage_sequence: dict[tuple[str, int], int] = {}
        while len(self.persons) < self.target_persons:
            region = Region(*rng.choice(REGIONS))
            index = len(self.households)
            building, unit, floor, room = rng.randint(1, 30), rng.randint(1, 6), rng.randint(1, 30), rng.randint(1, 4)
            street = f"{rng.choice(STREETS)}{rng.randint(1, 400)}号{building}栋{unit}单元{floor:02d}{room:02d}室"
            household = Household(
                index=index,
                number=f"{region.code}{index + 1:07d}",
                region=region,
                address=Address(region.province, region.city, region.district, street),
                police_station=f"{region.city}公安局{region.district}分局{street[:2]}派出所",
            )
            self.households.append(household)
            surname = rng.choice(SURNAMES)
            head_gender = "MALE" if rng.random() < 0.7 else "FEMALE"
            head_birth = _random_date(rng, datetime.date(1940, 1, 1), datetime.date(2000, 12, 31))
            head = self.new_person(rng, household, "户主", head_gender, head_birth, surname)
            members = [head]
            spouse = None
            if rng.random() < 0.68 and len(self.persons) < self.target_persons:
                spouse_gender = "FEMALE" if head_gender == "MALE" else "MALE"
                spouse_birth = head_birth + datetime.timedelta(days=rng.randint(-5 * 365, 5 * 365))
                spouse_birth = min(spouse_birth, datetime.date(2001, 12, 31))
                spouse = self.new_person(rng, household, "配偶", spouse_gender, spouse_birth, rng.choice(SURNAMES))
                head.spouse, spouse.spouse = spouse.index, head.index
                members.append(spouse)
            father = head if head_gender == "MALE" else spouse
            mother = head if head_gender == "FEMALE" else spouse
            youngest_parent = max(p.birth_date for p in members)
            children: list[Person] = []
            for _ in range(rng.choice((0, 1, 1, 1, 2, 2, 3))):
                if len(self.persons) >= self.target_persons:
                    break
                birth = _random_date(rng, add_years(youngest_parent, 22), add_years(youngest_parent, 38))
                if birth > REFERENCE_DATE:
                    continue
                gender = "MALE" if rng.random() < 0.52 else "FEMALE"
                child_surname = (father or head).name[0]
                child = self.new_person(
                    rng, household, "子" if gender == "MALE" else "女", gender, birth, child_surname
                )
                children.append(child)
            if rng.random() < 0.12 and len(self.persons) < self.target_persons:
                gender = "MALE" if rng.random() < 0.4 else "FEMALE"
                birth = _random_date(rng, add_years(head_birth, -36), add_years(head_birth, -22))
                if birth >= datetime.date(1920, 1, 1):
                    relation = "父亲" if gender == "MALE" else "母亲"
                    surname_of_parent = head.name[0] if gender == "MALE" else rng.choice(SURNAMES)
                    self.new_person(rng, household, relation, gender, birth, surname_of_parent)
            if spouse is not None and father is not None and mother is not None:
                legal = max(add_years(father.birth_date, 22), add_years(mother.birth_date, 20))
                first_child = min((c.birth_date for c in children), default=REFERENCE_DATE)
                latest = min(first_child, REFERENCE_DATE)
                registered_on = _random_date(rng, legal, max(legal, latest - datetime.timedelta(days=200)))
                registered_on = min(registered_on, REFERENCE_DATE)
                key = (region.code, registered_on.year)
                marriage_sequence[key] = marriage_sequence.get(key, 0) + 1
                self.marriages.append(
                    Marriage(
                        certificate_number=f"J{region.code}-{registered_on.year}-{marriage_sequence[key]:06d}",
                        husband=father.index,
                        wife=mother.index,
                        registered_on=registered_on,
                        office=f"{region.city}{region.district}民政局婚姻登记处",
                    )
                )

    # -------------------------------------------------------------- enterprises and jobs

    def found_enterprises(self) -> None:
        rng = self.rng("enterprises")
        adults = [p for p in self.persons if years_between(p.birth_date, REFERENCE_DATE) >= 25]
        used_codes: set[str] = set()
        used_names: set[str] = set()
        type_weights = [w for _, _, w in ENTERPRISE_TYPES]
        for index in range(self.target_enterprises):
            region = Region(*rng.choice(REGIONS))
            while True:
                code = make_credit_code(region.code, f"{rng.randrange(10**7, 10**8)}")
                if code not in used_codes:
                    used_codes.add(code)
                    break
            kind, suffix, _ = rng.choices(ENTERPRISE_TYPES, weights=type_weights)[0]
            industry = rng.randrange(len(INDUSTRIES))
            city = region.city.removesuffix("市")
            name = f"{city}{rng.choice(BRANDS)}{rng.choice(BRANDS)}{INDUSTRIES[industry][0]}{suffix}"
            if name in used_names:
                name = f"{city}{rng.choice(BRANDS)}{rng.choice(BRANDS)}{INDUSTRIES[industry][0]}（{index}）{suffix}"
            used_names.add(name)
            representative = rng.choice(adults)
            earliest = max(datetime.date(1995, 1, 1), add_years(representative.birth_date, 20))
            # about one in twenty was set up in the current year (tax credit rating M)
            if rng.random() < 0.05:
                established = _random_date(rng, datetime.date(REFERENCE_DATE.year, 1, 1), REFERENCE_DATE)
            else:
                established = _random_date(rng, earliest, datetime.date(REFERENCE_DATE.year - 1, 12, 31))
            capital = int(round(10 ** rng.uniform(5, 8.3), -4))  # 100,000 to 200 million yuan
            street = f"{rng.choice(STREETS)}{rng.randint(1, 999)}号{rng.randint(1, 28)}层"
            status = rng.choices(("ACTIVE", "REVOKED", "CANCELLED"), weights=(94, 3, 3))[0]
            self.enterprises.append(
                Enterprise(
                    index=index,
                    credit_code=code,
                    name=name,
                    kind=kind,
                    industry=industry,
                    region=region,
                    address=Address(region.province, region.city, region.district, street),
                    established_on=established,
                    registered_capital=capital,
                    legal_representative=representative.index,
                    status=status,
                    risk_score=min(100, int(rng.expovariate(1 / 18))),
                    annual_revenue=0,
                    late_filing_rate=rng.choice((0.0, 0.0, 0.0, 0.05, 0.1, 0.3)),
                    in_tax_arrears=rng.random() < 0.03,
                    in_insurance_arrears=rng.random() < 0.04,
                )
            )

    def employ(self) -> None:
        rng = self.rng("employment")
        hiring = [e for e in self.enterprises if e.status == "ACTIVE"]
        cumulative = list(itertools.accumulate(e.registered_capital**0.5 for e in hiring))
        for person in self.persons:
            age = years_between(person.birth_date, REFERENCE_DATE)
            if not 18 <= age < 60 or rng.random() >= 0.72:
                continue
            employer = rng.choices(hiring, cum_weights=cumulative)[0]
            earliest = max(employer.established_on, add_years(person.birth_date, 18))
            person.employer = employer.index
            person.employed_since = _random_date(rng, earliest, REFERENCE_DATE - datetime.timedelta(days=30))
            person.position = rng.choice(POSITIONS)
            person.monthly_wage = max(2500, min(60000, int(round(rng.lognormvariate(8.9, 0.45), -2))))
            employer.employees.append(person.index)
        for enterprise in self.enterprises:
            payroll = sum(self.persons[i].monthly_wage for i in enterprise.employees) * 12
            enterprise.annual_revenue = int(round(payroll * rng.uniform(1.3, 4.0) + rng.uniform(2e5, 3e6), -2))

    def grant_allowances(self) -> None:
        rng = self.rng("allowances")
        sequence: dict[tuple[str, str], int] = {}

        def next_id(prefix: str, region: str) -> str:
            sequence[(prefix, region)] = sequence.get((prefix, region), 0) + 1
            return f"{prefix}{region}{sequence[(prefix, region)]:06d}"

        for household in self.households:
            members = [self.persons[i] for i in household.members]
            if all(p.employer is None for p in members) and rng.random() < 0.25:
                head = members[0]
                started = _random_date(rng, datetime.date(2015, 1, 1), REFERENCE_DATE)
                self.allowances.append(
                    Allowance(
                        allowance_id=next_id("DB", household.region.code),
                        kind="SUBSISTENCE",
                        recipient=head.index,
                        household=household.index,
                        monthly_amount=860 * len(members),
                        started_on=started,
                    )
                )
            for person in members:
                age = years_between(person.birth_date, REFERENCE_DATE)
                if age >= 80:
                    amount = 100 if age < 90 else 300 if age < 100 else 500
                    self.allowances.append(
                        Allowance(
                            allowance_id=next_id("GL", household.region.code),
                            kind="ELDERLY",
                            recipient=person.index,
                            household=household.index,
                            monthly_amount=amount,
                            started_on=max(add_years(person.birth_date, 80), datetime.date(2010, 1, 1)),
                        )
                    )


@functools.lru_cache(maxsize=4)
def build_world(
    seed: int = DEFAULT_SEED, persons: int = DEFAULT_PERSONS, enterprises: int = DEFAULT_ENTERPRISES
) -> World:
    if persons < 10 or enterprises < 1:
        raise ValueError("the world needs at least 10 persons and 1 enterprise")
    generator = _Generator(seed, persons, enterprises)
    generator.populate()
    generator.found_enterprises()
    generator.employ()
    generator.grant_allowances()
    return World(
        seed=seed,
        persons=generator.persons,
        households=generator.households,
        marriages=generator.marriages,
        enterprises=generator.enterprises,
        allowances=generator.allowances,
    )
