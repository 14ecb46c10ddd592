#include "scoring/reoffending_models.h"

#include <cstdlib>

namespace assay::scoring {
namespace {

// An offence-category coefficient as the reference writes it: the decimal
// literal, and for SVRP's composite categories the two literals it adds
// exactly (the literal is their exact sum; reoffending_models_test checks).
struct OffenceDecimal {
  const char* value;
  const char* category_term;
  const char* violence_term;
};
using OffenceDecimals = std::array<OffenceDecimal, kOffenceCategoryCount>;

// The tables below were transcribed mechanically from
// scoring/data/coefficients.json; reoffending_models_test re-reads that file
// and checks every value. Offence arrays are in OffenceCategory order.

// ARP static (predictors.md §5.3, §5.4).
constexpr ArpCoefficients<double> kArpStatic = {
    .dynamic = false,
    .intercept = 5.01702292499072,
    .age_male = {-0.142428460338541, 0.0011000413899151, 0.0000198538471606, -0.0000002648918335},
    .age_female = {-0.0175014516689226, 0.0001625346907234, 0.0000003645241305, -0.0000000746220588},
    .female = -2.95224200717183,
    .first_sanction = -3.94357049933093,
    .second_sanction = -3.06189212045904,
    .sanction_occasions = -0.0042757301284995,
    .second_sanction_gap_male = -0.0432051839161834,
    .second_sanction_gap_female = -0.0427998315841607,
    .offence_free_months = {-0.0762086223169624, 0.0016230134182902, 0.0000224473135387, -0.0000012808638685},
    .copas_male = 1.55298303083717,
    .copas_squared_male = 0.129334968245905,
    .copas_female = 1.01980307124196,
    .copas_squared_female = -0.039439197041062,
    .offence = {
        0.0,  // UNKNOWN
        0.155944202809011,  // BURGLARY_DOMESTIC
        0.2060248043228,  // BURGLARY_OTHER
        0.587490417262633,  // DRUNKENNESS
        -0.264724530382273,  // DRINK_DRIVING
        -0.0439980822830184,  // MOTORING_OFFENCES
        0.173405416410866,  // VEHICLE_RELATED_THEFT
        -0.434791453303048,  // FRAUD_AND_FORGERY
        -1.15395495579948,  // WELFARE_FRAUD
        -0.468252524851408,  // DRUG_IMPORT_EXPORT_OR_PRODUCTION
        0.0204101986121863,  // DRUG_POSSESSION_OR_SUPPLY
        -0.110075583936778,  // VIOLENCE_AGAINST_THE_PERSON_ABH_PLUS
        -0.110075583936778,  // VIOLENCE_AGAINST_THE_PERSON_SUB_ABH
        0.0854410288820027,  // PUBLIC_ORDER_AND_HARRASSMENT
        -0.110075583936778,  // WEAPONS_NON_FIREARM
        -0.110075583936778,  // FIREARMS_MOST_SERIOUS
        -0.110075583936778,  // FIREARMS_OTHER
        0.088414958679896,  // HANDLING_STOLEN_GOODS
        0.12167599899735,  // CRIMINAL_DAMAGE
        -0.119211282701221,  // ACQUISITIVE_VIOLENCE
        0.0384434393037725,  // OTHER_OFFENCES
        0.325485504296161,  // ABSCONDING_OR_BAIL
        0.111620464721896,  // SEXUAL_AGAINST_CHILD
        0.169969798103235,  // SEXUAL_NOT_AGAINST_CHILD
        0.462548123919817,  // THEFT_NON_MOTOR
    },
};

// ARP dynamic (predictors.md §5.3, §5.4).
constexpr ArpCoefficients<double> kArpDynamic = {
    .dynamic = true,
    .intercept = 3.83654148692014,
    .age_male = {-0.110202179628585, 0.0006726723443858, 0.0000138719445957, -0.0000001610775422},
    .age_female = {-0.0097677485919972, 0.000126702732348, -0.0000006094926795, -0.0000000713415862},
    .female = -2.68801056322021,
    .first_sanction = -3.39824378336932,
    .second_sanction = -2.60344581288004,
    .sanction_occasions = -0.0030262875646805,
    .second_sanction_gap_male = -0.0319725028712099,
    .second_sanction_gap_female = -0.0311412361734414,
    .offence_free_months = {-0.0531180383905312, 0.0004075218530422, 0.0, 0.0},
    .copas_male = 1.24540523044696,
    .copas_squared_male = 0.0801894262854395,
    .copas_female = 0.829951359317464,
    .copas_squared_female = -0.0430018109602918,
    .offence = {
        0.0,  // UNKNOWN
        0.153587984043406,  // BURGLARY_DOMESTIC
        0.222442735978286,  // BURGLARY_OTHER
        0.523303164370094,  // DRUNKENNESS
        -0.196918572042409,  // DRINK_DRIVING
        0.0730361702901059,  // MOTORING_OFFENCES
        0.164192212478264,  // VEHICLE_RELATED_THEFT
        -0.322533218006326,  // FRAUD_AND_FORGERY
        -0.841992532871743,  // WELFARE_FRAUD
        -0.437670727296335,  // DRUG_IMPORT_EXPORT_OR_PRODUCTION
        0.0049716912817919,  // DRUG_POSSESSION_OR_SUPPLY
        -0.171350876457525,  // VIOLENCE_AGAINST_THE_PERSON_ABH_PLUS
        -0.171350876457525,  // VIOLENCE_AGAINST_THE_PERSON_SUB_ABH
        0.0629726265569029,  // PUBLIC_ORDER_AND_HARRASSMENT
        -0.171350876457525,  // WEAPONS_NON_FIREARM
        -0.171350876457525,  // FIREARMS_MOST_SERIOUS
        -0.171350876457525,  // FIREARMS_OTHER
        0.155377725974202,  // HANDLING_STOLEN_GOODS
        0.0250113803601321,  // CRIMINAL_DAMAGE
        -0.177705019766066,  // ACQUISITIVE_VIOLENCE
        0.0971157179525287,  // OTHER_OFFENCES
        0.236777685679456,  // ABSCONDING_OR_BAIL
        0.0175628084853824,  // SEXUAL_AGAINST_CHILD
        0.0919115743401314,  // SEXUAL_NOT_AGAINST_CHILD
        0.428689161915978,  // THEFT_NON_MOTOR
    },
    .accommodation = 0.0848049158355753,
    .unemployed = 0.0317783733809377,
    .live_in_relationship = -0.266331545877519,
    .relationship_quality = 0.0364051885005138,
    .quality_of_live_in_relationship = 0.141655261924428,
    .domestic_abuse = 0.0635669196833949,
    .activities_encourage_offending = 0.126491602592029,
    .drug_motivation = 0.08615424993393,
    .chronic_drinking = 0.0745006703601772,
    .binge_drinking = 0.0338427436465108,
    .impulsivity = 0.0421988370095297,
    .pro_criminal_attitude = 0.0439083095441417,
    .heroin = 0.182096496867273,
    .other_opiate = 0.17892958261215,
    .crack_cocaine = 0.109095964190426,
    .powder_cocaine = 0.0605135470691152,
    .prescription_drug_misuse = 0.0252240614607483,
    .benzodiazepines = 0.0764353348164513,
    .cannabis = 0.049300440360878,
    .steroids = 0.202231737251706,
    .other_drugs = 0.0267794308651123,
};

// VRP static (predictors.md §6.3, §5.4).
constexpr VrpCoefficients<double> kVrpStatic = {
    .dynamic = false,
    .intercept = 3.12324433235579,
    .age_male = {-0.104477239763612, 0.0008606154365776, 0.000013815779629, -0.0000001960154357},
    .age_female = {-0.0151569773369266, -0.0000517057104954, -0.0000007587337191, 0.0000000203053155},
    .female = -1.84281451035478,
    .first_sanction = -1.90092364059771,
    .second_sanction = -1.10995084554834,
    .sanction_occasions = -0.0067658067744931,
    .second_sanction_gap_male = -0.0517946785377468,
    .second_sanction_gap_female = -0.0524808327112117,
    .offence_free_months = {-0.073627004774941, 0.0015286971037078, 0.0000095033186151, -0.0000008860433091},
    .copas_violent_male = 0.620598396891494,
    .copas_violent_female = 0.507851479286236,
    .never_violent_male = -2.19912021141319,
    .never_violent_female = -2.8090905835064,
    .once_violent = 0.164824968220639,
    .violent_sanctions = 0.0185294325031695,
    .violent_rate = 0.522272685793084,
    .offence = {
        0.0,  // UNKNOWN
        0.189290151743428,  // BURGLARY_DOMESTIC
        0.152185842790808,  // BURGLARY_OTHER
        0.897225111715064,  // DRUNKENNESS
        -0.0955339743007365,  // DRINK_DRIVING
        -0.184914428055833,  // MOTORING_OFFENCES
        0.165882021264931,  // VEHICLE_RELATED_THEFT
        -0.362999252067375,  // FRAUD_AND_FORGERY
        -0.987504454326342,  // WELFARE_FRAUD
        -0.422720654391483,  // DRUG_IMPORT_EXPORT_OR_PRODUCTION
        -0.0876488981693274,  // DRUG_POSSESSION_OR_SUPPLY
        0.109809951520084,  // VIOLENCE_AGAINST_THE_PERSON_ABH_PLUS
        0.109809951520084,  // VIOLENCE_AGAINST_THE_PERSON_SUB_ABH
        0.356342355096462,  // PUBLIC_ORDER_AND_HARRASSMENT
        0.109809951520084,  // WEAPONS_NON_FIREARM
        0.109809951520084,  // FIREARMS_MOST_SERIOUS
        0.109809951520084,  // FIREARMS_OTHER
        0.0120019188396128,  // HANDLING_STOLEN_GOODS
        0.371503082545136,  // CRIMINAL_DAMAGE
        -0.0032926198476618,  // ACQUISITIVE_VIOLENCE
        0.0998951874967628,  // OTHER_OFFENCES
        0.351192370764659,  // ABSCONDING_OR_BAIL
        -0.930849896127774,  // SEXUAL_AGAINST_CHILD
        -0.159028472471635,  // SEXUAL_NOT_AGAINST_CHILD
        0.260179775875471,  // THEFT_NON_MOTOR
    },
};

// VRP dynamic (predictors.md §6.3, §5.4).
constexpr VrpCoefficients<double> kVrpDynamic = {
    .dynamic = true,
    .intercept = 1.81687448362791,
    .age_male = {-0.0645236564493287, 0.0004644696772777, 0.0, 0.0},
    .age_female = {-0.0106819944976555, -0.0000220033910434, -0.0000003141984277, -0.0000000174402455},
    .female = -1.47587262099647,
    .first_sanction = -1.84616323808687,
    .second_sanction = -1.08289822438739,
    .sanction_occasions = -0.0068338285932122,
    .second_sanction_gap_male = -0.0448978159143418,
    .second_sanction_gap_female = -0.036873809313859,
    .offence_free_months = {-0.0527396206616632, 0.0004145060463894, 0.0, 0.0},
    .copas_violent_male = 0.599255596112212,
    .copas_violent_female = 0.477448279367104,
    .never_violent_male = -1.72067702170194,
    .never_violent_female = -2.24064936845545,
    .once_violent = 0.158357795142317,
    .violent_sanctions = 0.0143780957599777,
    .violent_rate = 0.417038098120116,
    .offence = {
        0.0,  // UNKNOWN
        0.235304808003462,  // BURGLARY_DOMESTIC
        0.191809657473981,  // BURGLARY_OTHER
        0.832786589840741,  // DRUNKENNESS
        -0.0243380584056904,  // DRINK_DRIVING
        -0.0219990134288181,  // MOTORING_OFFENCES
        0.200392887919135,  // VEHICLE_RELATED_THEFT
        -0.215055195882386,  // FRAUD_AND_FORGERY
        -0.937073522898054,  // WELFARE_FRAUD
        -0.310067077915746,  // DRUG_IMPORT_EXPORT_OR_PRODUCTION
        -0.0226462288920859,  // DRUG_POSSESSION_OR_SUPPLY
        0.077028816727511,  // VIOLENCE_AGAINST_THE_PERSON_ABH_PLUS
        0.077028816727511,  // VIOLENCE_AGAINST_THE_PERSON_SUB_ABH
        0.348649087179239,  // PUBLIC_ORDER_AND_HARRASSMENT
        0.077028816727511,  // WEAPONS_NON_FIREARM
        0.077028816727511,  // FIREARMS_MOST_SERIOUS
        0.077028816727511,  // FIREARMS_OTHER
        0.160583400555203,  // HANDLING_STOLEN_GOODS
        0.302881895872264,  // CRIMINAL_DAMAGE
        0.0442727884290873,  // ACQUISITIVE_VIOLENCE
        0.186300883246964,  // OTHER_OFFENCES
        0.332310036782829,  // ABSCONDING_OR_BAIL
        -0.994785930428512,  // SEXUAL_AGAINST_CHILD
        -0.249001167005262,  // SEXUAL_NOT_AGAINST_CHILD
        0.257081681109148,  // THEFT_NON_MOTOR
    },
    .accommodation = 0.105430245512805,
    .unemployed = 0.0331815664323161,
    .live_in_relationship = -0.257910738309657,
    .relationship_quality = 0.0289758277705754,
    .quality_of_live_in_relationship = 0.117527515244771,
    .domestic_abuse = 0.108473730672409,
    .activities_encourage_offending = 0.0655491304584261,
    .drug_motivation = 0.0566501342651779,
    .chronic_drinking = 0.122533179215598,
    .binge_drinking = 0.0981126172766304,
    .impulsivity = 0.0323581330157977,
    .temper = 0.091904896744703,
    .methadone = 0.0576906845544844,
    .other_opiate = 0.0753935224854228,
    .crack_cocaine = 0.0902595215602798,
    .powder_cocaine = 0.087313111600886,
    .prescription_drug_misuse = 0.139018812980245,
    .benzodiazepines = 0.0587469123708279,
    .cannabis = 0.001864706197971,
    .steroids = 0.342197551153158,
    .other_drugs = 0.150053208890266,
};

// SVRP static (predictors.md §7.3, §5.4).
constexpr SvrpCoefficients<double> kSvrpStatic = {
    .dynamic = false,
    .intercept = -0.970734555223987,
    .age_male = {-0.035211251525685, -0.0002101460036267, 0.0, 0.0},
    .age_female = {-0.0194307797540929, -0.0000241385941049, 0.0, 0.0},
    .female = -1.55855151937225,
    .first_sanction = -2.3335499201698,
    .second_sanction = -1.36161428849118,
    .sanction_occasions = -0.0250462590018653,
    .second_sanction_gap_male = -0.117956562302911,
    .second_sanction_gap_female = -0.0402256071602197,
    .offence_free_months = {-0.0318548411238394, 0.0002165688028517, 0.0000046604929835, -0.000000152324083},
    .copas_violent_male = 0.936944231003216,
    .copas_violent_female = 0.853626611755616,
    .never_violent_male = -1.5382238276355,
    .never_violent_female = -2.33948463970808,
    .once_violent = -0.0013488533112443,
    .violent_sanctions = 0.0141947749755811,
    .violent_rate = 0.250478471909382,
    .offence = {
        0.0,  // UNKNOWN
        0.427440297941078,  // BURGLARY_DOMESTIC
        0.283654004619677,  // BURGLARY_OTHER
        -0.169817158710549,  // DRUNKENNESS
        -0.0870700781552191,  // DRINK_DRIVING
        0.0805237507490763,  // MOTORING_OFFENCES
        0.286214108247545,  // VEHICLE_RELATED_THEFT
        -0.0932918356073765,  // FRAUD_AND_FORGERY
        -2.75700217295462,  // WELFARE_FRAUD
        -0.151563625759297,  // DRUG_IMPORT_EXPORT_OR_PRODUCTION
        0.196404663980207,  // DRUG_POSSESSION_OR_SUPPLY
        0.0914232846880801,  // VIOLENCE_AGAINST_THE_PERSON_ABH_PLUS
        0.0881806276607277,  // VIOLENCE_AGAINST_THE_PERSON_SUB_ABH
        -0.102680989477238,  // PUBLIC_ORDER_AND_HARRASSMENT
        0.4050968835329157,  // WEAPONS_NON_FIREARM
        -0.0211330064692993,  // FIREARMS_MOST_SERIOUS
        0.3539581212971587,  // FIREARMS_OTHER
        0.20156598193072,  // HANDLING_STOLEN_GOODS
        0.254391121973677,  // CRIMINAL_DAMAGE
        0.34905826404493,  // ACQUISITIVE_VIOLENCE
        0.175156031546492,  // OTHER_OFFENCES
        0.361929924513904,  // ABSCONDING_OR_BAIL
        -0.269534814977957,  // SEXUAL_AGAINST_CHILD
        -0.481426313870417,  // SEXUAL_NOT_AGAINST_CHILD
        -0.126315026107379,  // THEFT_NON_MOTOR
    },
    .past = {0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0},
};

// SVRP dynamic (predictors.md §7.3, §5.4).
constexpr SvrpCoefficients<double> kSvrpDynamic = {
    .dynamic = true,
    .intercept = -1.70588696906607,
    .age_male = {-0.0343861125060411, -0.0002060693939063, 0.0, 0.0},
    .age_female = {-0.0215931881507551, -0.0000539574087783, 0.0, 0.0},
    .female = -1.609748656497,
    .first_sanction = -2.26703484992352,
    .second_sanction = -1.17946726635964,
    .sanction_occasions = -0.025992075782348,
    .second_sanction_gap_male = -0.0967640128116584,
    .second_sanction_gap_female = -0.1712941019545757,
    .offence_free_months = {-0.029248960074744, 0.0003119515647398, 0.0000022269607594, -0.0000002955293324},
    .copas_violent_male = 0.858101289182386,
    .copas_violent_female = 0.848200474467235,
    .never_violent_male = -1.09871100777043,
    .never_violent_female = -1.36716291233552,
    .once_violent = 0.077746849480619,
    .violent_sanctions = 0.006532999224634,
    .violent_rate = 0.165137054547059,
    .offence = {
        0.0,  // UNKNOWN
        0.392304322484302,  // BURGLARY_DOMESTIC
        0.210475686624578,  // BURGLARY_OTHER
        -0.266212126484843,  // DRUNKENNESS
        0.0719681498702402,  // DRINK_DRIVING
        0.285285632874374,  // MOTORING_OFFENCES
        0.335872011000959,  // VEHICLE_RELATED_THEFT
        0.128223795291931,  // FRAUD_AND_FORGERY
        -2.54378150425616,  // WELFARE_FRAUD
        0.146018219011484,  // DRUG_IMPORT_EXPORT_OR_PRODUCTION
        0.210481894371787,  // DRUG_POSSESSION_OR_SUPPLY
        -0.048353695619906,  // VIOLENCE_AGAINST_THE_PERSON_ABH_PLUS
        0.110262124783647,  // VIOLENCE_AGAINST_THE_PERSON_SUB_ABH
        -0.165010485104843,  // PUBLIC_ORDER_AND_HARRASSMENT
        0.0243282774787757,  // WEAPONS_NON_FIREARM
        -0.382497575361466,  // FIREARMS_MOST_SERIOUS
        0.149093794035442,  // FIREARMS_OTHER
        0.405987757430537,  // HANDLING_STOLEN_GOODS
        0.184857953812071,  // CRIMINAL_DAMAGE
        0.0719174180811535,  // ACQUISITIVE_VIOLENCE
        0.135286411622716,  // OTHER_OFFENCES
        0.414243541008181,  // ABSCONDING_OR_BAIL
        -0.60993507861302,  // SEXUAL_AGAINST_CHILD
        -0.545166046667834,  // SEXUAL_NOT_AGAINST_CHILD
        -0.047968924813678,  // THEFT_NON_MOTOR
    },
    .carry_or_use_weapon = 0.385215247009075,
    .accommodation = 0.0442239531567977,
    .unemployed = 0.0734628466183293,
    .chronic_drinking = 0.0765545992903705,
    .temper = 0.124207407357376,
    .pro_criminal_attitude = 0.0982315473681468,
    .past = {0.355308819798017, 0.399845826788494, 0.534510912919277, 0.780403925884582, 0.290562230335504, 0.183891831607701, 0.231407077551008, 1.01491061134195, 0.0073649024927637},
};

constexpr OffenceDecimals kArpStaticOffenceDecimals = {{
    {"", "", ""},  // UNKNOWN
    {"0.155944202809011", "", ""},  // BURGLARY_DOMESTIC
    {"0.2060248043228", "", ""},  // BURGLARY_OTHER
    {"0.587490417262633", "", ""},  // DRUNKENNESS
    {"-0.264724530382273", "", ""},  // DRINK_DRIVING
    {"-0.0439980822830184", "", ""},  // MOTORING_OFFENCES
    {"0.173405416410866", "", ""},  // VEHICLE_RELATED_THEFT
    {"-0.434791453303048", "", ""},  // FRAUD_AND_FORGERY
    {"-1.15395495579948", "", ""},  // WELFARE_FRAUD
    {"-0.468252524851408", "", ""},  // DRUG_IMPORT_EXPORT_OR_PRODUCTION
    {"0.0204101986121863", "", ""},  // DRUG_POSSESSION_OR_SUPPLY
    {"-0.110075583936778", "", ""},  // VIOLENCE_AGAINST_THE_PERSON_ABH_PLUS
    {"-0.110075583936778", "", ""},  // VIOLENCE_AGAINST_THE_PERSON_SUB_ABH
    {"0.0854410288820027", "", ""},  // PUBLIC_ORDER_AND_HARRASSMENT
    {"-0.110075583936778", "", ""},  // WEAPONS_NON_FIREARM
    {"-0.110075583936778", "", ""},  // FIREARMS_MOST_SERIOUS
    {"-0.110075583936778", "", ""},  // FIREARMS_OTHER
    {"0.088414958679896", "", ""},  // HANDLING_STOLEN_GOODS
    {"0.12167599899735", "", ""},  // CRIMINAL_DAMAGE
    {"-0.119211282701221", "", ""},  // ACQUISITIVE_VIOLENCE
    {"0.0384434393037725", "", ""},  // OTHER_OFFENCES
    {"0.325485504296161", "", ""},  // ABSCONDING_OR_BAIL
    {"0.111620464721896", "", ""},  // SEXUAL_AGAINST_CHILD
    {"0.169969798103235", "", ""},  // SEXUAL_NOT_AGAINST_CHILD
    {"0.462548123919817", "", ""},  // THEFT_NON_MOTOR
}};

constexpr OffenceDecimals kArpDynamicOffenceDecimals = {{
    {"", "", ""},  // UNKNOWN
    {"0.153587984043406", "", ""},  // BURGLARY_DOMESTIC
    {"0.222442735978286", "", ""},  // BURGLARY_OTHER
    {"0.523303164370094", "", ""},  // DRUNKENNESS
    {"-0.196918572042409", "", ""},  // DRINK_DRIVING
    {"0.0730361702901059", "", ""},  // MOTORING_OFFENCES
    {"0.164192212478264", "", ""},  // VEHICLE_RELATED_THEFT
    {"-0.322533218006326", "", ""},  // FRAUD_AND_FORGERY
    {"-0.841992532871743", "", ""},  // WELFARE_FRAUD
    {"-0.437670727296335", "", ""},  // DRUG_IMPORT_EXPORT_OR_PRODUCTION
    {"0.0049716912817919", "", ""},  // DRUG_POSSESSION_OR_SUPPLY
    {"-0.171350876457525", "", ""},  // VIOLENCE_AGAINST_THE_PERSON_ABH_PLUS
    {"-0.171350876457525", "", ""},  // VIOLENCE_AGAINST_THE_PERSON_SUB_ABH
    {"0.0629726265569029", "", ""},  // PUBLIC_ORDER_AND_HARRASSMENT
    {"-0.171350876457525", "", ""},  // WEAPONS_NON_FIREARM
    {"-0.171350876457525", "", ""},  // FIREARMS_MOST_SERIOUS
    {"-0.171350876457525", "", ""},  // FIREARMS_OTHER
    {"0.155377725974202", "", ""},  // HANDLING_STOLEN_GOODS
    {"0.0250113803601321", "", ""},  // CRIMINAL_DAMAGE
    {"-0.177705019766066", "", ""},  // ACQUISITIVE_VIOLENCE
    {"0.0971157179525287", "", ""},  // OTHER_OFFENCES
    {"0.236777685679456", "", ""},  // ABSCONDING_OR_BAIL
    {"0.0175628084853824", "", ""},  // SEXUAL_AGAINST_CHILD
    {"0.0919115743401314", "", ""},  // SEXUAL_NOT_AGAINST_CHILD
    {"0.428689161915978", "", ""},  // THEFT_NON_MOTOR
}};

constexpr OffenceDecimals kVrpStaticOffenceDecimals = {{
    {"", "", ""},  // UNKNOWN
    {"0.189290151743428", "", ""},  // BURGLARY_DOMESTIC
    {"0.152185842790808", "", ""},  // BURGLARY_OTHER
    {"0.897225111715064", "", ""},  // DRUNKENNESS
    {"-0.0955339743007365", "", ""},  // DRINK_DRIVING
    {"-0.184914428055833", "", ""},  // MOTORING_OFFENCES
    {"0.165882021264931", "", ""},  // VEHICLE_RELATED_THEFT
    {"-0.362999252067375", "", ""},  // FRAUD_AND_FORGERY
    {"-0.987504454326342", "", ""},  // WELFARE_FRAUD
    {"-0.422720654391483", "", ""},  // DRUG_IMPORT_EXPORT_OR_PRODUCTION
    {"-0.0876488981693274", "", ""},  // DRUG_POSSESSION_OR_SUPPLY
    {"0.109809951520084", "", ""},  // VIOLENCE_AGAINST_THE_PERSON_ABH_PLUS
    {"0.109809951520084", "", ""},  // VIOLENCE_AGAINST_THE_PERSON_SUB_ABH
    {"0.356342355096462", "", ""},  // PUBLIC_ORDER_AND_HARRASSMENT
    {"0.109809951520084", "", ""},  // WEAPONS_NON_FIREARM
    {"0.109809951520084", "", ""},  // FIREARMS_MOST_SERIOUS
    {"0.109809951520084", "", ""},  // FIREARMS_OTHER
    {"0.0120019188396128", "", ""},  // HANDLING_STOLEN_GOODS
    {"0.371503082545136", "", ""},  // CRIMINAL_DAMAGE
    {"-0.0032926198476618", "", ""},  // ACQUISITIVE_VIOLENCE
    {"0.0998951874967628", "", ""},  // OTHER_OFFENCES
    {"0.351192370764659", "", ""},  // ABSCONDING_OR_BAIL
    {"-0.930849896127774", "", ""},  // SEXUAL_AGAINST_CHILD
    {"-0.159028472471635", "", ""},  // SEXUAL_NOT_AGAINST_CHILD
    {"0.260179775875471", "", ""},  // THEFT_NON_MOTOR
}};

constexpr OffenceDecimals kVrpDynamicOffenceDecimals = {{
    {"", "", ""},  // UNKNOWN
    {"0.235304808003462", "", ""},  // BURGLARY_DOMESTIC
    {"0.191809657473981", "", ""},  // BURGLARY_OTHER
    {"0.832786589840741", "", ""},  // DRUNKENNESS
    {"-0.0243380584056904", "", ""},  // DRINK_DRIVING
    {"-0.0219990134288181", "", ""},  // MOTORING_OFFENCES
    {"0.200392887919135", "", ""},  // VEHICLE_RELATED_THEFT
    {"-0.215055195882386", "", ""},  // FRAUD_AND_FORGERY
    {"-0.937073522898054", "", ""},  // WELFARE_FRAUD
    {"-0.310067077915746", "", ""},  // DRUG_IMPORT_EXPORT_OR_PRODUCTION
    {"-0.0226462288920859", "", ""},  // DRUG_POSSESSION_OR_SUPPLY
    {"0.077028816727511", "", ""},  // VIOLENCE_AGAINST_THE_PERSON_ABH_PLUS
    {"0.077028816727511", "", ""},  // VIOLENCE_AGAINST_THE_PERSON_SUB_ABH
    {"0.348649087179239", "", ""},  // PUBLIC_ORDER_AND_HARRASSMENT
    {"0.077028816727511", "", ""},  // WEAPONS_NON_FIREARM
    {"0.077028816727511", "", ""},  // FIREARMS_MOST_SERIOUS
    {"0.077028816727511", "", ""},  // FIREARMS_OTHER
    {"0.160583400555203", "", ""},  // HANDLING_STOLEN_GOODS
    {"0.302881895872264", "", ""},  // CRIMINAL_DAMAGE
    {"0.0442727884290873", "", ""},  // ACQUISITIVE_VIOLENCE
    {"0.186300883246964", "", ""},  // OTHER_OFFENCES
    {"0.332310036782829", "", ""},  // ABSCONDING_OR_BAIL
    {"-0.994785930428512", "", ""},  // SEXUAL_AGAINST_CHILD
    {"-0.249001167005262", "", ""},  // SEXUAL_NOT_AGAINST_CHILD
    {"0.257081681109148", "", ""},  // THEFT_NON_MOTOR
}};

constexpr OffenceDecimals kSvrpStaticOffenceDecimals = {{
    {"", "", ""},  // UNKNOWN
    {"0.427440297941078", "", ""},  // BURGLARY_DOMESTIC
    {"0.283654004619677", "", ""},  // BURGLARY_OTHER
    {"-0.169817158710549", "", ""},  // DRUNKENNESS
    {"-0.0870700781552191", "", ""},  // DRINK_DRIVING
    {"0.0805237507490763", "", ""},  // MOTORING_OFFENCES
    {"0.286214108247545", "", ""},  // VEHICLE_RELATED_THEFT
    {"-0.0932918356073765", "", ""},  // FRAUD_AND_FORGERY
    {"-2.75700217295462", "", ""},  // WELFARE_FRAUD
    {"-0.151563625759297", "", ""},  // DRUG_IMPORT_EXPORT_OR_PRODUCTION
    {"0.196404663980207", "", ""},  // DRUG_POSSESSION_OR_SUPPLY
    {"0.0914232846880801", "0.0032426570273524", "0.0881806276607277"},  // VIOLENCE_AGAINST_THE_PERSON_ABH_PLUS
    {"0.0881806276607277", "", ""},  // VIOLENCE_AGAINST_THE_PERSON_SUB_ABH
    {"-0.102680989477238", "", ""},  // PUBLIC_ORDER_AND_HARRASSMENT
    {"0.4050968835329157", "0.316916255872188", "0.0881806276607277"},  // WEAPONS_NON_FIREARM
    {"-0.0211330064692993", "-0.109313634130027", "0.0881806276607277"},  // FIREARMS_MOST_SERIOUS
    {"0.3539581212971587", "0.265777493636431", "0.0881806276607277"},  // FIREARMS_OTHER
    {"0.20156598193072", "", ""},  // HANDLING_STOLEN_GOODS
    {"0.254391121973677", "", ""},  // CRIMINAL_DAMAGE
    {"0.34905826404493", "", ""},  // ACQUISITIVE_VIOLENCE
    {"0.175156031546492", "", ""},  // OTHER_OFFENCES
    {"0.361929924513904", "", ""},  // ABSCONDING_OR_BAIL
    {"-0.269534814977957", "", ""},  // SEXUAL_AGAINST_CHILD
    {"-0.481426313870417", "", ""},  // SEXUAL_NOT_AGAINST_CHILD
    {"-0.126315026107379", "", ""},  // THEFT_NON_MOTOR
}};

constexpr OffenceDecimals kSvrpDynamicOffenceDecimals = {{
    {"", "", ""},  // UNKNOWN
    {"0.392304322484302", "", ""},  // BURGLARY_DOMESTIC
    {"0.210475686624578", "", ""},  // BURGLARY_OTHER
    {"-0.266212126484843", "", ""},  // DRUNKENNESS
    {"0.0719681498702402", "", ""},  // DRINK_DRIVING
    {"0.285285632874374", "", ""},  // MOTORING_OFFENCES
    {"0.335872011000959", "", ""},  // VEHICLE_RELATED_THEFT
    {"0.128223795291931", "", ""},  // FRAUD_AND_FORGERY
    {"-2.54378150425616", "", ""},  // WELFARE_FRAUD
    {"0.146018219011484", "", ""},  // DRUG_IMPORT_EXPORT_OR_PRODUCTION
    {"0.210481894371787", "", ""},  // DRUG_POSSESSION_OR_SUPPLY
    {"-0.048353695619906", "-0.158615820403553", "0.110262124783647"},  // VIOLENCE_AGAINST_THE_PERSON_ABH_PLUS
    {"0.110262124783647", "", ""},  // VIOLENCE_AGAINST_THE_PERSON_SUB_ABH
    {"-0.165010485104843", "", ""},  // PUBLIC_ORDER_AND_HARRASSMENT
    {"0.0243282774787757", "-0.0859338473048713", "0.110262124783647"},  // WEAPONS_NON_FIREARM
    {"-0.382497575361466", "-0.492759700145113", "0.110262124783647"},  // FIREARMS_MOST_SERIOUS
    {"0.149093794035442", "0.038831669251795", "0.110262124783647"},  // FIREARMS_OTHER
    {"0.405987757430537", "", ""},  // HANDLING_STOLEN_GOODS
    {"0.184857953812071", "", ""},  // CRIMINAL_DAMAGE
    {"0.0719174180811535", "", ""},  // ACQUISITIVE_VIOLENCE
    {"0.135286411622716", "", ""},  // OTHER_OFFENCES
    {"0.414243541008181", "", ""},  // ABSCONDING_OR_BAIL
    {"-0.60993507861302", "", ""},  // SEXUAL_AGAINST_CHILD
    {"-0.545166046667834", "", ""},  // SEXUAL_NOT_AGAINST_CHILD
    {"-0.047968924813678", "", ""},  // THEFT_NON_MOTOR
}};
OffenceCoefficients<Quad> ParseOffenceDecimals(const OffenceDecimals& decimals) {
  OffenceCoefficients<Quad> out{};
  for (size_t i = 0; i < decimals.size(); ++i) {
    // UNKNOWN has no coefficient; validation never lets it reach a model.
    if (decimals[i].value[0] != '\0') out[i] = QuadFromDecimal(decimals[i].value);
  }
  return out;
}

template <size_t N>
std::array<Quad, N> WidenArray(const std::array<double, N>& values) {
  std::array<Quad, N> out{};
  for (size_t i = 0; i < N; ++i) out[i] = values[i];
  return out;
}

// Widening a double to binary128 is exact, so the Quad models hold the very
// binary values the reference's new BigDecimal(double) uses.
ArpCoefficients<Quad> Widen(const ArpCoefficients<double>& d, const OffenceDecimals& decimals) {
  ArpCoefficients<Quad> q;
  q.dynamic = d.dynamic;
  q.intercept = d.intercept;
  q.age_male = WidenArray(d.age_male);
  q.age_female = WidenArray(d.age_female);
  q.female = d.female;
  q.first_sanction = d.first_sanction;
  q.second_sanction = d.second_sanction;
  q.sanction_occasions = d.sanction_occasions;
  q.second_sanction_gap_male = d.second_sanction_gap_male;
  q.second_sanction_gap_female = d.second_sanction_gap_female;
  q.offence_free_months = WidenArray(d.offence_free_months);
  q.copas_male = d.copas_male;
  q.copas_squared_male = d.copas_squared_male;
  q.copas_female = d.copas_female;
  q.copas_squared_female = d.copas_squared_female;
  q.offence = ParseOffenceDecimals(decimals);
  q.accommodation = d.accommodation;
  q.unemployed = d.unemployed;
  q.live_in_relationship = d.live_in_relationship;
  q.relationship_quality = d.relationship_quality;
  q.quality_of_live_in_relationship = d.quality_of_live_in_relationship;
  q.domestic_abuse = d.domestic_abuse;
  q.activities_encourage_offending = d.activities_encourage_offending;
  q.drug_motivation = d.drug_motivation;
  q.chronic_drinking = d.chronic_drinking;
  q.binge_drinking = d.binge_drinking;
  q.impulsivity = d.impulsivity;
  q.pro_criminal_attitude = d.pro_criminal_attitude;
  q.heroin = d.heroin;
  q.other_opiate = d.other_opiate;
  q.crack_cocaine = d.crack_cocaine;
  q.powder_cocaine = d.powder_cocaine;
  q.prescription_drug_misuse = d.prescription_drug_misuse;
  q.benzodiazepines = d.benzodiazepines;
  q.cannabis = d.cannabis;
  q.steroids = d.steroids;
  q.other_drugs = d.other_drugs;
  return q;
}

VrpCoefficients<Quad> Widen(const VrpCoefficients<double>& d, const OffenceDecimals& decimals) {
  VrpCoefficients<Quad> q;
  q.dynamic = d.dynamic;
  q.intercept = d.intercept;
  q.age_male = WidenArray(d.age_male);
  q.age_female = WidenArray(d.age_female);
  q.female = d.female;
  q.first_sanction = d.first_sanction;
  q.second_sanction = d.second_sanction;
  q.sanction_occasions = d.sanction_occasions;
  q.second_sanction_gap_male = d.second_sanction_gap_male;
  q.second_sanction_gap_female = d.second_sanction_gap_female;
  q.offence_free_months = WidenArray(d.offence_free_months);
  q.copas_violent_male = d.copas_violent_male;
  q.copas_violent_female = d.copas_violent_female;
  q.never_violent_male = d.never_violent_male;
  q.never_violent_female = d.never_violent_female;
  q.once_violent = d.once_violent;
  q.violent_sanctions = d.violent_sanctions;
  q.violent_rate = d.violent_rate;
  q.offence = ParseOffenceDecimals(decimals);
  q.accommodation = d.accommodation;
  q.unemployed = d.unemployed;
  q.live_in_relationship = d.live_in_relationship;
  q.relationship_quality = d.relationship_quality;
  q.quality_of_live_in_relationship = d.quality_of_live_in_relationship;
  q.domestic_abuse = d.domestic_abuse;
  q.activities_encourage_offending = d.activities_encourage_offending;
  q.drug_motivation = d.drug_motivation;
  q.chronic_drinking = d.chronic_drinking;
  q.binge_drinking = d.binge_drinking;
  q.impulsivity = d.impulsivity;
  q.temper = d.temper;
  q.methadone = d.methadone;
  q.other_opiate = d.other_opiate;
  q.crack_cocaine = d.crack_cocaine;
  q.powder_cocaine = d.powder_cocaine;
  q.prescription_drug_misuse = d.prescription_drug_misuse;
  q.benzodiazepines = d.benzodiazepines;
  q.cannabis = d.cannabis;
  q.steroids = d.steroids;
  q.other_drugs = d.other_drugs;
  return q;
}

SvrpCoefficients<Quad> Widen(const SvrpCoefficients<double>& d, const OffenceDecimals& decimals) {
  SvrpCoefficients<Quad> q;
  q.dynamic = d.dynamic;
  q.intercept = d.intercept;
  q.age_male = WidenArray(d.age_male);
  q.age_female = WidenArray(d.age_female);
  q.female = d.female;
  q.first_sanction = d.first_sanction;
  q.second_sanction = d.second_sanction;
  q.sanction_occasions = d.sanction_occasions;
  q.second_sanction_gap_male = d.second_sanction_gap_male;
  q.second_sanction_gap_female = d.second_sanction_gap_female;
  q.offence_free_months = WidenArray(d.offence_free_months);
  q.copas_violent_male = d.copas_violent_male;
  q.copas_violent_female = d.copas_violent_female;
  q.never_violent_male = d.never_violent_male;
  q.never_violent_female = d.never_violent_female;
  q.once_violent = d.once_violent;
  q.violent_sanctions = d.violent_sanctions;
  q.violent_rate = d.violent_rate;
  q.offence = ParseOffenceDecimals(decimals);
  q.carry_or_use_weapon = d.carry_or_use_weapon;
  q.accommodation = d.accommodation;
  q.unemployed = d.unemployed;
  q.chronic_drinking = d.chronic_drinking;
  q.temper = d.temper;
  q.pro_criminal_attitude = d.pro_criminal_attitude;
  q.past = WidenArray(d.past);
  return q;
}
const OffenceDecimals& Decimals(ReoffendingModel model, ModelVariant variant) {
  const bool dynamic = variant == ModelVariant::kDynamic;
  switch (model) {
    case ReoffendingModel::kArp:
      return dynamic ? kArpDynamicOffenceDecimals : kArpStaticOffenceDecimals;
    case ReoffendingModel::kVrp:
      return dynamic ? kVrpDynamicOffenceDecimals : kVrpStaticOffenceDecimals;
    case ReoffendingModel::kSvrp:
      break;
  }
  return dynamic ? kSvrpDynamicOffenceDecimals : kSvrpStaticOffenceDecimals;
}

}  // namespace

template <>
const ArpCoefficients<double>& ArpModel<double>(ModelVariant variant) {
  return variant == ModelVariant::kDynamic ? kArpDynamic : kArpStatic;
}
template <>
const VrpCoefficients<double>& VrpModel<double>(ModelVariant variant) {
  return variant == ModelVariant::kDynamic ? kVrpDynamic : kVrpStatic;
}
template <>
const SvrpCoefficients<double>& SvrpModel<double>(ModelVariant variant) {
  return variant == ModelVariant::kDynamic ? kSvrpDynamic : kSvrpStatic;
}

template <>
const ArpCoefficients<Quad>& ArpModel<Quad>(ModelVariant variant) {
  static const ArpCoefficients<Quad> kStatic = Widen(kArpStatic, kArpStaticOffenceDecimals);
  static const ArpCoefficients<Quad> kDynamic = Widen(kArpDynamic, kArpDynamicOffenceDecimals);
  return variant == ModelVariant::kDynamic ? kDynamic : kStatic;
}
template <>
const VrpCoefficients<Quad>& VrpModel<Quad>(ModelVariant variant) {
  static const VrpCoefficients<Quad> kStatic = Widen(kVrpStatic, kVrpStaticOffenceDecimals);
  static const VrpCoefficients<Quad> kDynamic = Widen(kVrpDynamic, kVrpDynamicOffenceDecimals);
  return variant == ModelVariant::kDynamic ? kDynamic : kStatic;
}
template <>
const SvrpCoefficients<Quad>& SvrpModel<Quad>(ModelVariant variant) {
  static const SvrpCoefficients<Quad> kStatic = Widen(kSvrpStatic, kSvrpStaticOffenceDecimals);
  static const SvrpCoefficients<Quad> kDynamic = Widen(kSvrpDynamic, kSvrpDynamicOffenceDecimals);
  return variant == ModelVariant::kDynamic ? kDynamic : kStatic;
}

std::string_view OffenceCoefficientDecimal(ReoffendingModel model, ModelVariant variant,
                                           OffenceCategory category) {
  const auto index = static_cast<size_t>(category);
  if (index >= kOffenceCategoryCount) return {};
  return Decimals(model, variant)[index].value;
}

std::string_view OffenceCoefficientComponent(ReoffendingModel model, ModelVariant variant,
                                             OffenceCategory category, int which) {
  const auto index = static_cast<size_t>(category);
  if (index >= kOffenceCategoryCount) return {};
  const OffenceDecimal& decimal = Decimals(model, variant)[index];
  return which == 0 ? decimal.category_term : decimal.violence_term;
}

v1::RiskBand BandFor(double percentage, const BandThresholds& thresholds) {
  if (percentage < 0.0 || (percentage == 0.0 && !thresholds.zero_is_banded)) {
    return v1::RISK_BAND_UNSPECIFIED;
  }
  if (percentage < thresholds.medium) return v1::LOW;
  if (percentage < thresholds.high) return v1::MEDIUM;
  if (percentage < thresholds.very_high) return v1::HIGH;
  return v1::VERY_HIGH;
}

}  // namespace assay::scoring
