"""Name boundaries and types on invented texts: leading words inside a sentence, dotted abbreviations, a
country's abbreviation as a modifier, place and product nouns around a name."""

from __future__ import annotations

from chronik_build.clean import clean
from chronik_build.entities import find_entities


def names(text: str, lang: str) -> dict[str, str]:
    ents = find_entities(clean(text, published="2026-01-16", lang=lang), [])
    return {e.name: e.type for e in ents.entities.values()}


def test_a_common_word_inside_a_sentence_stays_part_of_the_name() -> None:
    got = names("The probe lifted off from Point Harbor Air Force Station on a rocket built by United Orbital "
                "Alliance. Top Orbix engineers watched.", "en")
    assert "Point Harbor Air Force Station" in got and "United Orbital Alliance" in got
    assert "Top Orbix" not in got  # a common word opening the sentence is no part of the name


def test_a_dotted_abbreviation_inside_a_name_and_as_a_modifier() -> None:
    got = names("The U.S. Seismic Bureau measured the quake. Researchers counted U.S. rural clinics. "
                "The mission of US space agency Zorbit failed.", "en")
    assert got.get("U.S. Seismic Bureau") == "organization"
    assert "United States" not in got  # 'U.S. rural clinics', 'US space agency': modifiers, no mention


def test_place_and_product_nouns_around_a_name_type_it() -> None:
    got = names("On Velmora, a Greek island, two houses fell. The Quorvex spacecraft flew to the Tarsin asteroid "
                "on a Halvor rocket launched from Brindle Airport. Analysts counted Orbix chips.", "en")
    assert got["Velmora"] == got["Tarsin"] == got["Brindle Airport"] == "place"
    assert got["Quorvex"] == got["Halvor"] == "product"
    assert got["Orbix"] == "organization"  # a plural noun after a name names its maker


def test_a_place_noun_before_a_german_name_types_it() -> None:
    got = names("Die Sonde flog zum Asteroiden Varnok. In der Stadt Quellbach stieg das Wasser.", "de")
    assert got["Varnok"] == got["Quellbach"] == "place"


def test_legal_form_after_a_comma_possessive_suffix_and_capitalised_article() -> None:
    got = names("Orbix Widgets, Inc. said that Velmor Corp’s offer was approved, The Daily Courier reports. The quake "
                "was reported by The Associated Press. Two people died, according to the AP.", "en")
    # no person without person evidence; the name goes without its legal form ('Velmor' of 'Velmor Corp’s')
    assert got["Orbix Widgets"] == got["Velmor"] == "organization"
    assert "Inc" not in got
    assert "The Daily Courier" in got and "The Associated Press" in got
    assert "AP" not in got  # the initials of 'The Associated Press' are that agency


def test_capitalised_common_words_adjectives_of_origin_and_time_zones_are_no_names() -> None:
    got = names("Interested in REPRINTING this article? Greek officials said the launch is set for 7 pm (2300 GMT) "
                "at Velmora.", "en")
    assert not {"REPRINTING", "Greek", "GMT"} & set(got)


def test_german_courts_offices_and_districts_before_a_place_are_one_name() -> None:
    got = names("QUELLBACH (dpa) - Das Landgericht Varnhausen hat den Mann freigesprochen. Er war am Amtsgericht "
                "Quellbach tätig. Im Landkreis Talbrück an der Wenne stieg das Wasser, sagte Landrat Lars Ostmeier "
                "(CSU). In Quellbach blieb es ruhig.", "de")
    assert got["Landgericht Varnhausen"] == got["Amtsgericht Quellbach"] == "organization"
    assert got["Landkreis Talbrück an der Wenne"] == "place"
    assert got["Quellbach"] == "place"  # the dateline and 'in Quellbach'
    assert got["CSU"] == "organization"  # a party in brackets after a person is no other name of that person


def test_ticker_after_an_exchange_and_middle_initials() -> None:
    got = names("Orbix Widgets, Inc. (NASDAQ: ORBX) said that Velmor Corp’s (NYSE: VLM) offer was approved. "
                "Anna K. Berg, M.D., from Velmora General Hospital, said so. Berg added more.", "en")
    assert "ORBX" not in got and "VLM" not in got  # aliases of the companies before the brackets
    assert got["Anna K. Berg"] == "person"
    assert not {"Anna", "M.D", "Berg"} & set(got)


def test_names_joined_by_of_and_ampersand() -> None:
    got = names("She won at the Lawn Tennis and Croquet Club. Ratings for Patient Assessment of Healthcare Providers "
                "and Systems rose. Orbix and Velmor Group agreed. Shares of Barnes & Noble fell.", "en")
    assert "Lawn Tennis and Croquet Club" in got and "Barnes & Noble" in got
    assert "Patient Assessment of Healthcare Providers and Systems" in got
    assert "Orbix" in got and "Velmor Group" in got  # a name of its own before 'and' stays apart


def test_two_common_words_make_no_person() -> None:
    got = names("Lena Varga won her first Grand Slam title on Saturday. Advanced Orbital Devices said it agreed.", "en")
    assert got.get("Grand Slam") != "person" and got.get("Advanced Orbital Devices") != "person"
    assert got["Lena Varga"] == "person"


def test_short_model_numbers_club_numbers_and_quoted_names() -> None:
    got = names("The probe rode an Orvan V rocket. Later a Tessel 9 rocket flew. He coached 1. FC Lindenau.", "en")
    assert got["Orvan V"] == got["Tessel 9"] == "product"
    assert got["1. FC Lindenau"] == "organization"
    got = names("Der Trainer verlor am Samstag gegen den FC St. Velmar mit 1:2.", "de")
    assert got.get("FC St. Velmar") == "organization"  # a saint's abbreviation inside a club's name
    got = names('Das Fluggerät startete mithilfe einer "Tessel 9"-Rakete vom Luftwaffenstützpunkt Varnberg. '
                "Das twitterte die US-Raumfahrtbehörde Orbis kurz nach dem Start.", "de")
    assert got["Tessel 9"] == "product" and got["Varnberg"] == "place"
    assert got["Orbis"] == "organization" and "US-Raumfahrtbehörde" not in got  # the compound describes Orbis


def test_government_bodies_and_a_short_form_after_or() -> None:
    got = names("Ten died, according to Ruritania’s Disaster and Emergency Management Presidency, or DEMA. The State "
                "Supreme Court ruled on Monday, the agency said (/ab/XY/cd).", "en")
    assert "Disaster and Emergency Management Presidency" in got and "DEMA" not in got
    assert got["State Supreme Court"] == "organization"
    assert "XY" not in got  # an editors' slug
    got = names("Die VPO-Fraktion im Landtag von Velmarien lehnte den Antrag am Montag ab.", "de")
    assert got.get("VPO-Fraktion") == "organization" and "VPO" not in got  # a party's group is a body of its own


def test_capitalised_words_before_a_linked_head_and_group_compounds() -> None:
    got = names("The Cyberspace Bureau of Ruritania is angry. Orbix was named by the US Department of Trade on "
                "Monday. Ruritania's Ministry of Fishing agreed.", "en")
    assert "Cyberspace Bureau of Ruritania" in got and "US Department of Trade" in got
    assert "Ministry of Fishing" in got  # a possessive before the name is no part of it
    got = names("Der Absatz ist im Oktober geschrumpft. Von den Herstellern hielt sich im Oktober die Orbix-Gruppe "
                "mit einem Minus von 6,9 Prozent noch relativ gut, sagte ein Sprecher.", "de")
    assert got["Orbix-Gruppe"] == "organization"


def test_compass_regions_and_names_after_a_german_place_noun() -> None:
    got = names("Der Absatz ist im Oktober in fast allen Ländern Westeuropas geschrumpft. Im Bereich Oberndorf wurde "
                "demnach Stufe 3 erreicht, sagte ein Sprecher in Nordafrika.", "de")
    assert got["Westeuropa"] == got["Oberndorf"] == got["Nordafrika"] == "place"


def test_hyphenated_noun_after_a_proper_adjective_and_legal_forms() -> None:
    got = names("Heute wird der 16. Spieltag der Herbstrunde in der Deutschen Wasserball-Liga gespielt, sagte ein "
                "Sprecher.", "de")
    assert got.get("Deutsche Wasserball-Liga") == "organization"
    got = names("The filing names Velmora Atlas Technology JSC Ltd as the issuer, a spokesperson said on Monday.", "en")
    assert got.get("Velmora Atlas Technology") == "organization"  # named without its legal forms


def test_a_common_word_after_a_section_label_is_no_name() -> None:
    got = names("What's next: Orbix will sell the chips. Read more: Analysts said the market was strong.", "en")
    assert "Orbix" in got and "Analysts" not in got


def test_common_words_before_a_place_name_a_place() -> None:
    got = names("Prices rose across Greater Berlin and in Upper Bavaria last year, the statistics office said.", "en")
    assert got["Greater Berlin"] == got["Upper Bavaria"] == "place"


def test_a_plural_common_word_opening_a_sentence_and_slugs_are_no_names() -> None:
    got = names("Clinics with research programmes did better, the Clinic Quality Board said on Monday. (T/RE1)", "en")
    assert "Clinics" not in got and "RE1" not in got


def test_a_known_given_name_opens_a_persons_name() -> None:
    got = names("Im Jahr 1998 ehrte die Jury die Fotografin Greta Spatenstich. Später folgten Albert Quandtner und "
                "Hannelore Birnbaum-Kesselring.", "de")
    assert got.get("Greta Spatenstich") == got.get("Albert Quandtner") == "person"
    assert got.get("Hannelore Birnbaum-Kesselring") == "person"
    got = names("Ivy Marwick opened the evening. The writer and producer Jessica Dornvale spoke next, and Dornvale "
                "praised the crew.", "en")
    assert got.get("Ivy Marwick") == got.get("Jessica Dornvale") == "person"
    assert "Dornvale" not in got and "Marwick" not in got


def test_quoted_titles_are_works_or_media_and_speech_is_no_name() -> None:
    got = names("The jury gave its main award to “Silent Harbour” (“Baie silencieuse”), directed by Mira Tollen. Lena "
                "Varga’s “Songs of the Lowland” was honoured as well, while Ana Petrovic whose debut “Sandpiper” drew "
                "praise appears in “The Long Winter of Orla Finch”. He called it “a great honour”. Norway’s “Silver "
                "Coast” draws tourists.", "en")
    assert got.get("Silent Harbour") == got.get("Songs of the Lowland") == got.get("Sandpiper") == "product"
    assert got.get("The Long Winter of Orla Finch") == "product" and got.get("Ana Petrovic") == "person"
    assert not {"Baie silencieuse", "Orla Finch", "Winter"} & set(got)
    assert got.get("Silver Coast") != "product"  # a place's 'nickname' has no author
    got = names('Der Plan steht in einem Papier, über das die "Abendpost am Sonntag" berichtet. „Wir handeln jetzt“, '
                'sagte Ministerin Greta Hollmann der "Abendpost am Sonntag". Händler empfehlen "Abwarten".', "de")
    assert got.get("Abendpost am Sonntag") == "organization"
    assert not {"Wir handeln jetzt", "Abwarten"} & set(got)
    ents = find_entities(clean("The jury gave its main award to “Silent Harbour” (“Baie silencieuse”).",
                               published="2026-01-16", lang="en"), [])
    assert [e.aliases for e in ents.entities.values() if e.name == "Silent Harbour"] == [["Baie silencieuse"]]


def test_dateline_after_a_label_line_and_adjectives_of_origin_in_names() -> None:
    got = names("Most read:\nVELMORA, Ruritania (AP) — Young sailors won the Port Tessian regatta on Sunday. "
                "The Anglo American crew finished second.", "en")
    assert got.get("VELMORA") == "place" and "Port Tessian" in got
    assert not {"Young", "Anglo", "Port"} & set(got)
    got = names("(ORBIT NEWS) - Retired Zephyr pilot Anna Kell was hired.", "en")
    assert "Retired Zephyr" not in got and got.get("Anna Kell") == "person"


def test_legal_forms_stay_with_their_full_stops_and_the_name_goes_without_them() -> None:
    ents = find_entities(clean("Orvan Freight Corp. reported a quarterly loss on Friday. Tessel Mobile Co. Ltd "
                               "launched a phone. Shares of Orvan Freight fell, and Quorvex Inc's (NASDAQ: QRVX) "
                               "(NASDAQ: QRVXL) unit grew.", published="2026-01-16", lang="en"), [])
    got = {e.name: sorted(e.aliases) for e in ents.entities.values() if e.type == "organization"}
    assert got["Orvan Freight"] == ["Orvan Freight Corp", "Orvan Freight Corp."]
    assert got["Tessel Mobile"] == ["Tessel Mobile Co. Ltd"]
    assert got["Quorvex"] == ["QRVX", "QRVXL", "Quorvex Inc"]


def test_a_photo_caption_is_chrome_and_a_province_is_named_before_its_kind() -> None:
    page = (" date 2024-03-02 FILE - A view of the Velmor harbour is seen March 1, 2023, in Port Ardell, Ruri. "
            "(Orbit Photo/Jane Roe, File)\nFloods in eastern Ruritania kill 3\n\nVELMAR (AP) — Floods that hit "
            "Tarvan province in eastern Peru killed 3 people, the Ruritania Weather Service said. The Mexican "
            "city of Velmir and the Italian island of Orra were spared.\n")
    cleaned = clean(page, lang="en")
    assert cleaned.title == "Floods in eastern Ruritania kill 3" and str(cleaned.published) == "2024-03-02"
    ents = find_entities(cleaned, [])
    got = {e.name: e.type for e in ents.entities.values()}
    assert got.get("Tarvan") == got.get("Peru") == "place" and not {"Mexican", "Italian"} & set(got)
    assert not {"FILE", "Ruri", "Velmor"} & set(got)
    assert "Tarvan province" in next(e.aliases for e in ents.entities.values() if e.name == "Tarvan")


def test_german_landmarks_roads_and_directions_are_places() -> None:
    got = names("Auf der Staatsstraße 4711 bei Quellbach stießen zwei Autos zusammen. Der Lieferwagen fuhr in "
                "Richtung Talbrück. Am Quellbacher Berg war die Straße glatt. Ein Verletzter wurde später zum "
                "Talbrücker Flughafen gebracht.", "de")
    assert got.get("Staatsstraße 4711") == got.get("Quellbacher Berg") == got.get("Talbrücker Flughafen") == "place"
    assert got.get("Talbrück") == "place" and not {"Berg", "Quellbacher", "Talbrücker"} & set(got)
    assert names("Traffic on Route 66 stopped.", "en").get("Route 66") == "place"
    got = names("Deputies chased the car on Maryland Route 4 near Velm.", "en")
    assert got.get("Maryland Route 4") == "place" and "Route 4" not in got  # the state opens the road's name


def test_a_city_as_one_side_of_a_match_or_after_a_club_noun_is_its_club() -> None:
    got = names("Ardell United 0-3 Lyon\n\nThe forward, signed by his club Lyon in May, scored twice. Lyon climbed "
                "above Ardell United in the standings. Fans in Munich cheered.", "en")
    assert got.get("Lyon") == got.get("Ardell United") == "organization"
    assert got.get("Munich") == "place"
    got = names("Kassel – Bremen\n\nIn Kassel regnete es. Die Gäste aus Bremen verloren.", "de")
    assert got.get("Kassel") == "place"  # the text puts it after a locative preposition: the place


def test_relatives_are_persons_family_plurals_fold_and_amounts_are_no_model_numbers() -> None:
    got = names("Robert Quandell lost his appeal on Monday. Rosalind, the wife of Quandell, lost hers too. A lender "
                "paid the Quandells 250,000 euros last year.", "en")
    assert got.get("Rosalind") == got.get("Robert Quandell") == "person"
    assert not {"Quandells", "Quandells 250"} & set(got)
    got = names("Zur Eröffnung kam auch seine Ehefrau Rosalind.", "de")
    assert got.get("Rosalind") == "person"


def test_saint_towns_museums_and_a_towns_adjective() -> None:
    got = names("St Velmar · Im Museum St. Velmar öffnet eine neue Schau. Der Stadtrat von St. Velmar gibt Geld "
                "dazu. Laut dem St. Velmarer Museum sind die Karten knapp.", "de")
    assert got.get("St. Velmar") == "place" and got.get("Museum St. Velmar") == "organization"
    assert not {"St", "Velmar", "St. Velmarer", "Velmarer"} & set(got)


def test_named_institutions_publishers_and_places_in_lists() -> None:
    got = names("Das Hans-Quandt-Museum in Velmar zeigt neue Bilder, bezahlt vom Freundeskreis des "
                "Lena-Orvan-Zentrums. Die Bücher druckt der Buchverlag Edition Quarvel. Die Künstler leben in "
                "Kassel, Quellbrück und Bonn.", "de")
    assert got.get("Hans-Quandt-Museum") == got.get("Lena-Orvan-Zentrum") == "organization"
    assert got.get("Edition Quarvel") == "organization" and got.get("Quellbrück") == "place"
    got = names("Seville, ORBN – Heavy rain fell.", "en")
    assert got.get("ORBN") != "place"


def test_a_short_form_of_a_named_publisher_and_a_model_code_with_its_edition() -> None:
    got = names("Die Bücher druckt der Buchverlag Edition Quarvel. Im Herbst vergibt das Haus den Quarvel "
                "Lyrikpreis.", "de")
    assert got.get("Edition Quarvel") == "organization" and "Quarvel" not in got
    got = names("Orvan unveiled the slim Z90 Pro with a larger screen on Monday.", "en")
    assert got.get("Z90 Pro") == "product"


def test_a_place_naming_a_currency_is_no_mention() -> None:
    got = names("Revenue came to 12 Taiwan dollars a share, or 3 New Zealand dollars. Orvan is based in Jakarta.",
                "en")
    assert not {"Taiwan", "New Zealand"} & set(got) and got.get("Jakarta") == "place"
    assert "Schweiz" not in names("Die Firma verdiente 8 Millionen Schweizer Franken, sagte Anna Tollen.", "de")


def test_to_before_a_new_name_makes_a_place_only_after_a_word_of_motion() -> None:
    got = names("The minister sent the bill to Parliament on Monday. He later lied to Parliament about it. The firm "
                "sold its unit to Orvan. The family moved to Velmar in 2001 and later returned to Velmar.", "en")
    assert got.get("Parliament") == got.get("Orvan") == "organization"
    assert got.get("Velmar") == "place"


def test_a_german_compound_of_a_common_noun_read_as_one_is_no_name() -> None:
    got = names("Der Rat lobte die neue Kernhalle. Im Velmarsaal wird gebaut, und Arbeiter aus Talbrück helfen.", "de")
    assert not {"Kernhalle", "Velmarsaal"} & set(got) and got.get("Talbrück") == "place"


def test_a_german_noun_the_tagger_lexicon_knows_is_no_name() -> None:
    # 'Comeback', 'Keeper', 'Showdown' are in no German word list of ours but in HanTa's lexicon as nouns
    got = names("Nach dem Spiel lobte Trainerin Mara Velden das Comeback ihrer Elf. Der Keeper hielt zwei "
                "Elfmeter, und im Showdown traf Lio Brandt für den TSV Quellbach.", "de")
    assert not {"Comeback", "Keeper", "Showdown"} & set(got)
    assert got.get("Mara Velden") == got.get("Lio Brandt") == "person"


def test_a_dateline_in_capitals_names_its_place_and_state() -> None:
    got = names("TARVIN COUNTY, Neb. — A barn burned down in Tarvin County on Monday.", "en")
    assert got.get("Tarvin County") == "place" and got.get("Nebraska") == "place"
    assert names("QUELLBACH, LKR. VELM. Ein Radfahrer stürzte am Montag.", "de").get("Quellbach") == "place"
    assert "place" not in names("BREAKING NEWS – A storm hit the coast on Monday.", "en").values()


def test_a_county_or_road_is_a_place_even_after_a_given_name() -> None:
    got = names("Clinics in Vera County and a diner on Ivy Boulevard reported cases.", "en")
    assert got.get("Vera County") == got.get("Ivy Boulevard") == "place"


def test_a_city_closing_a_longer_name_is_still_the_city() -> None:
    got = names("Critics said Plan Boston was too broad. Boston joins other cities with a plan. "
                "Residents of Boston welcomed it.", "en")
    assert got.get("Boston") == "place"


def test_a_common_word_inside_an_organisation_name_does_not_make_it_a_name_alone() -> None:
    got = names("The Ministry of Welfare in Tarvin opened a clinic on Monday. Welfare officials said it was full.",
                "en")
    assert "Welfare" not in got and got.get("Ministry of Welfare") == "organization"


def test_a_road_code_after_a_lower_case_word_is_a_place() -> None:
    got = names("Auf der B 27 geriet am Montag ein Lastwagen ins Schleudern. Die Airline flog mit der A380 "
                "nach Velmar.", "de")
    assert got.get("B 27") == "place" and got.get("A380") != "place"
    assert names("Traffic stopped on I-95 near Tarvin on Monday.", "en").get("I-95") == "place"


def test_a_pronoun_with_a_verb_is_no_name_and_a_title_is_no_part_of_one() -> None:
    got = names('"I\'ll stay," said Sheriff Ana Pilar. "You\'ve seen it." Wells Valley Provost Ray Olmo agreed. '
                "It's over, Tarvin Board of Trustees said. The Board met on Monday.", "en")
    assert not {"I'll", "You've", "It's", "Board"} & set(got)
    assert got.get("Ana Pilar") == got.get("Ray Olmo") == "person"
    assert "Sheriff Ana Pilar" not in got


def test_the_town_after_a_person_and_an_age_is_a_place() -> None:
    got = names("Police arrested Ann Vole, 27, of Elm Falls on Monday. She lives on Birch Drive.", "en")
    assert got.get("Elm Falls") == got.get("Birch Drive") == "place"


def test_a_listed_town_that_is_also_a_word_is_a_place_where_the_tagger_reads_a_name() -> None:
    got = names("In Essen demonstrierten am Montag Tausende. Das Essen war danach kalt.", "de")
    assert got.get("Essen") == "place"
    assert "Essen" not in names("Das Essen war am Montag kalt, sagte der Koch.", "de")


def test_an_organisation_before_a_title_keeps_its_common_words() -> None:
    got = names("Vandor State University President Ada Vogt resigned on Friday. The advocacy group Tarvin Tenants "
                "Action Project wants a say.", "en")
    assert got.get("Vandor State University") == got.get("Tarvin Tenants Action Project") == "organization"
    assert got.get("Ada Vogt") == "person"


def test_a_common_word_opening_a_quotation_is_no_name() -> None:
    got = names('The mayor Ann Vole told reporters, “Nothing is decided,” and met Tom Reed on Monday.', "en")
    assert "Nothing" not in got and got.get("Tom Reed") == "person"


def test_a_german_body_abbreviation_before_a_place_is_no_person() -> None:
    got = names("Die Ermittlungen führt die PI Velmarsfeld, teilte die Polizei am Montag mit.", "de")
    assert got.get("PI Velmarsfeld") == "organization"


def test_a_wire_datelines_state_and_a_plural_head_before_of() -> None:
    got = names("ELM CREEK, Neb. (AP) — The Centers for Crop Safety and Soil Research said on Monday that Ohio "
                "Health Authority staff found cases. Health officials said more may come.", "en")
    assert got.get("Nebraska") == "place" and "Neb" not in got
    assert got.get("Centers for Crop Safety and Soil Research") == "organization"
    assert "Health" not in got and got.get("Ohio Health Authority") == "organization"


def test_a_generation_after_a_name_keeps_its_full_stop() -> None:
    got = names("Karl Vole Sr. founded the firm in 1931. His son Karl Vole Jr. led it later.", "en")
    assert got.get("Karl Vole Sr.") == got.get("Karl Vole Jr.") == "person"


def test_a_plural_noun_before_a_city_is_a_team() -> None:
    got = names("Die Bären Hamburg verloren am Montag in Mannheim. Der Sturm erreichte am Dienstag Hamburg.", "de")
    assert got.get("Bären Hamburg") == "organization" and got.get("Hamburg") == "place"
    assert "Sturm Hamburg" not in got  # a singular noun before a place is no team


def test_a_town_and_its_state_in_the_ap_abbreviation() -> None:
    got = names("Velmar Health opened a clinic in Tarvin Falls, Ill., on Monday. The Orvan (Ore.) Post reported "
                "it. A Brindle, Neb.-based firm built it.", "en")
    assert got["Illinois"] == got["Oregon"] == got["Tarvin Falls"] == "place"
    assert "Nebraska" not in got and "Brindle" not in got  # before '-based' the pair only describes the firm
    got = names("The photo shows a wildfire near Fort Velmar, B.C. on Monday.", "en")
    assert got.get("British Columbia") == "place" and "B.C" not in got  # Canada's provinces as well


def test_a_regional_desk_of_a_news_agency_is_no_name() -> None:
    got = names("Velmar (dpa/lby) - Das Museum erhält den Preis, teilte der Verband mit.", "de")
    assert got.get("dpa") == "organization" and "lby" not in got


def test_a_place_opening_an_organisations_name_stays_inside_it() -> None:
    got = names("Orbix listed on the Hong Kong Stock Exchange, the Buenos Aires Times wrote. The New Zealand "
                "Senate met. She flew to Buenos Aires later.", "en")
    assert got["Hong Kong Stock Exchange"] == got["Buenos Aires Times"] == got["New Zealand Senate"] == "organization"
    assert got["Buenos Aires"] == "place" and "Hong Kong" not in got


def test_buildings_and_grounds_are_places() -> None:
    got = names("He was booked into the Tarvin County Jail. The fire reached Orla Village and Orvan Ranch.",
                "en")
    assert got["Tarvin County Jail"] == got["Orla Village"] == got["Orvan Ranch"] == "place"


def test_a_hyphenated_region_after_a_bank_is_its_name() -> None:
    got = names("Die Vertreter stimmen über die Fusion mit der Raiffeisenbank Velm-Orla ab.", "de")
    assert got == {"Raiffeisenbank Velm-Orla": "organization"}


def test_a_heading_in_capitals_is_no_name() -> None:
    got = names("The county counted cases on Monday.\n\nMORE STORIES ABOUT THE STORM BELOW:\n\nThe NASA team met.",
                "en")
    assert got == {"NASA": "organization"}


def test_a_model_year_before_a_make_and_model_names_a_vehicle() -> None:
    got = names("Deputies saw a 2014 Velmo Strider near the store.", "en")
    assert got == {"Velmo Strider": "product"}


def test_names_listed_before_a_plural_place_noun_are_each_such_a_place() -> None:
    got = names("Most cases were in Velm and Orla counties on Monday. Officials in Tarn, Brindle Falls and Orvan "
                "parishes agreed.", "en")
    assert got == {"Velm County": "place", "Orla County": "place", "Tarn Parish": "place",
                   "Brindle Falls Parish": "place", "Orvan Parish": "place"}


def test_a_towns_adjective_before_a_newspapers_noun_names_the_paper() -> None:
    got = names("Das berichtete die Velmarer Zeitung am Montag. Laut einem Bericht des Talbrücker Abendblatts kam "
                "es anders. Die Velmarer Polizei ermittelt.", "de")
    assert got == {"Velmarer Zeitung": "organization", "Talbrücker Abendblatt": "organization"}


def test_a_months_name_that_is_a_given_name_opens_a_person() -> None:
    assert names("Das Amtsgericht bestellte Jan H. Orvan aus Velm zum Verwalter.", "de")["Jan H. Orvan"] == "person"
    assert names("Jan Orvan said the deal closed.", "en") == {"Jan Orvan": "person"}
    assert "May Velmar" not in names("In May Velmar Corp. grew strongly.", "en")  # after a preposition: the month


def test_a_place_noun_written_apart_closes_a_german_place_name() -> None:
    got = names("Das Spiel in der Velmo Arena endete 3:2. Die Fans feierten im Tarner Stadion. Im Orla Park "
                "spielten Kinder.", "de")
    assert got["Velmo Arena"] == got["Orla Park"] == "place"


def test_a_slug_with_underscores_is_no_name() -> None:
    assert names("Former_Velm_advisor Anna Orvan said so on Monday.", "en") == {"Anna Orvan": "person"}


def test_a_word_that_names_nobody_alone_stays_inside_an_organisations_name() -> None:
    got = names("Orvan was arrested on Friday by the Velmar Police Department.", "en")
    assert got.get("Velmar Police Department") == "organization" and "Velmar" not in got


def test_plural_days_small_words_in_capitals_and_number_abbreviations_name_nobody() -> None:
    assert not {"Saturdays", "Sundays"} & set(names("The Orla Museum is open on Saturdays and Sundays.", "en"))
    assert "AN" not in names("AN engineer will open a new display at the Orla Museum.", "en")
    assert "No" not in names("The gap between Anna Velm and No. 3 seed Orla Berg was large.", "en")
    assert "Well" not in names("“It was bad,” I said, ‘Well if it was a direct hit, it was gone.’", "en")


def test_an_age_after_a_name_is_no_model_number() -> None:
    got = names("The driver was Anna K. Velm 59 years of Orlavale.", "en")
    assert got == {"Anna K. Velm": "person", "Orlavale": "place"}  # the town a person of that age lives in


def test_waters_close_an_english_place_name() -> None:
    assert names("The booster landed on a ship in the Velmar Ocean on Monday.", "en") == {"Velmar Ocean": "place"}


def test_a_persons_pronoun_after_a_single_name_types_a_person() -> None:
    assert names("Orvan scored his third goal on Sunday.", "en") == {"Orvan": "person"}
    assert names("Velmora said she would stay.", "en") == {"Velmora": "person"}


def test_a_towns_adjective_before_an_organisations_noun_names_it() -> None:
    got = names("Die Velmarer Brauerei baut eine neue Halle. Laut des Orlaer "
                "DRK-Kreisverbands kam niemand zu Schaden.", "de")
    assert got == {"Velmarer Brauerei": "organization", "Orlaer DRK-Kreisverband": "organization"}


def test_a_region_named_after_its_town_and_a_capitalised_adjective_before_a_place_noun() -> None:
    got = names("Die Wege im Velmarer Land sind gesperrt. Das Konzert fand an der Hölzernen Brücke statt. Die neue "
                "Brücke steht.", "de")
    assert got == {"Velmarer Land": "place", "Hölzernen Brücke": "place"}


def test_a_direction_from_a_name_makes_it_a_place() -> None:
    assert names("A storm passed east of Velmar on Monday.", "en") == {
        "Velmar": "place"}
    assert names("Der Sturm zog nördlich von Velmar vorbei.", "de").get("Velmar") == "place"


def test_a_role_word_inside_a_run_of_names_splits_employer_and_person() -> None:
    got = names("“It was bad,” said Velm Water Board Tarvin Economist Anna Orvan.", "en")
    assert got.get("Anna Orvan") == "person" and "Velm Water Board Tarvin" in got


def test_a_german_street_compound_names_a_street_unless_it_is_an_ordinary_word() -> None:
    assert names("Der Komplex an der Velmostraße und der Unfall am Orla-Parkplatz.", "de") == {
        "Velmostraße": "place", "Orla-Parkplatz": "place"}
    assert names("Die Polizei sperrte die Landstraße, den Kunden-Parkplatz und den Rathausvorplatz.", "de") == {}


def test_an_organisations_word_closes_both_names_linked_by_and() -> None:
    assert names("The Velm Rowing and Sailing Trust will hold a regatta.", "en") == {
        "Velm Rowing and Sailing Trust": "organization"}
    assert names("The Harbour Trust of Velmara sold the pier.", "en") == {
        "Harbour Trust of Velmara": "organization"}
    assert names("Orbix and Velmor Group signed.", "en") == {"Orbix": "organization", "Velmor Group": "organization"}


def test_a_building_closes_an_english_place_name() -> None:
    assert names("Crowds met at the Velmar State Building on Monday.", "en") == {"Velmar State Building": "place"}


def test_a_capitalised_common_word_after_the_is_a_defined_term() -> None:
    got = names("The deal lets Orvan Stores grow, allowing the Company to invest. Later the Board met the SEC.",
                "en")
    assert "Company" not in got and "Board" not in got and "SEC" in got


def test_a_listed_small_town_after_a_locative_is_a_place_without_other_evidence() -> None:
    # GeoNames towns of 1,000 inhabitants or more (rules/common/towns.txt): a vote, used only for a lone new name
    assert names("Ein Lastwagen kippte bei Oberkotzau um. In Oberkotzau blieb die Straße gesperrt.", "de") == {
        "Oberkotzau": "place"}
    assert names("Flooding closed roads in Tuakau on Monday, and Tuakau residents left.", "en") == {
        "Tuakau": "place"}


def test_a_listed_small_town_never_typed_by_the_list_alone() -> None:
    # named without a locative, the name keeps the default: a firm may share a small town's name
    assert names("Swellendam said on Monday that Swellendam would cut jobs.", "en") == {
        "Swellendam": "organization"}


def test_states_provinces_and_counties_of_iso_3166_2_are_places() -> None:
    assert names("Farmers across Saskatchewan and Waikato cut herds; Aargau did too.", "en") == {
        "Saskatchewan": "place", "Waikato": "place", "Aargau": "place"}


def test_a_county_or_canton_noun_before_the_name_is_part_of_the_place() -> None:
    assert names("The plant in Ballyhaunis, Co Velmare, will open. Farms in County Orla flooded.", "en") == {
        "Ballyhaunis": "place", "Co Velmare": "place", "County Orla": "place"}
    assert names("Auch im Kanton Velmar gab es Schäden.", "de") == {"Kanton Velmar": "place"}


def test_capitalised_hyphenated_parts_before_an_organisations_word_are_its_name() -> None:
    assert names("The Velmar-Dominion Bank reported a rise in profit.", "en") == {
        "Velmar-Dominion Bank": "organization"}


def test_a_german_word_the_tagger_reads_as_a_common_noun_everywhere_names_nobody() -> None:
    # no other evidence, every mention and the word alone tagged NN: a compound the word lists lack
    got = names("Die Ausflügler wurden vom Seilbahnbegleitpersonal gewarnt. Die Streife fuhr mit Blaulicht und "
                "Signalhorn. Orbix wächst. Die Glocken läuten in Velmarsried.", "de")
    assert got == {"Orbix": "organization", "Velmarsried": "place"}


def test_an_english_dictionary_word_the_tagger_reads_as_a_common_noun_names_nobody() -> None:
    # the English model tags only the sentences of such candidates; plural nouns stay (teams go by them)
    got = names("Crews closed the Flyover near Velm Road on Monday, and drivers avoided the Flyover. Shares of Orbix "
                "rose. The Minutemen won.", "en")
    assert got == {"Velm Road": "place", "Orbix": "organization", "Minutemen": "organization"}


def test_a_given_name_before_a_place_noun_is_no_towns_adjective() -> None:
    assert names("Dekan Peter Berg hält den Gottesdienst. Wir wandern am Quellbacher Berg.", "de") == {
        "Peter Berg": "person", "Quellbacher Berg": "place"}


def test_surnames_in_a_roll_call_type_the_names_listed_with_them() -> None:
    got = names("Trustee Anna Kangor and Tom Velstaff spoke. It passed 4-3 with Kangor, Velstaff, Gilmerson, and "
                "Orlekirk in favor.", "en")
    assert got.get("Gilmerson") == "person" and got.get("Orlekirk") == "person"
    assert names("The fire spread from Leeds, Velmar, and York.", "en") == {
        "Leeds": "place", "Velmar": "place", "York": "place"}


def test_an_organisations_word_with_a_possessive_keeps_a_common_first_word_in_the_name() -> None:
    assert names("Rates rose. Orange City Council's budget grew.", "en") == {"Orange City Council": "organization"}


def test_a_main_station_written_after_its_town_is_one_place() -> None:
    assert names("Die Busse erreichen Velmar Hauptbahnhof später. Am Hauptbahnhof war es voll.", "de") == {
        "Velmar Hauptbahnhof": "place"}


def test_a_town_stays_a_place_beside_a_name_its_place_word_closes() -> None:
    got = names("Adelaide, Jan 27: Orvan clinched his second title on Sunday. At 23, Orvan is the youngest man to "
                "leave Adelaide Park with the trophy.", "en")
    assert got.get("Adelaide") == "place" and got.get("Adelaide Park") == "place"


def test_an_organisations_word_inside_a_run_after_a_speech_verb_names_no_person() -> None:
    assert names("“It was bad,” said Velmar Weather Service Tarvin Meteorologist Anna Orvan.", "en") == {
        "Velmar Weather Service Tarvin": "organization", "Anna Orvan": "person"}


def test_a_listed_town_that_splits_into_common_words_is_still_a_name() -> None:
    # 'Falkenhain' is a GeoNames town and splits into 'Falken' + 'Hain'; a noun's genitive that names some town
    # elsewhere ('des Friedens') stays a word
    assert names("Ab März zahlen Kunden der Stadtwerke Falkenhain mehr. In Falkenhain steigen die Preise. Die "
                 "Skulpturenstraße des Friedens wächst.", "de") == {
        "Stadtwerke Falkenhain": "organization", "Falkenhain": "place"}


def test_a_proper_noun_of_the_taggers_lexicon_is_a_name_though_the_word_lists_carry_it() -> None:
    # ngerman lists 'Eifel' or 'Pfalz' as plain entries; HanTa's own lexicon knows them as proper nouns (NE), and a
    # locative with its article before them makes them places
    assert names("Das Hochwasser stieg in der Eifel, im Schwarzwald und in der Pfalz.", "de") == {
        "Eifel": "place", "Schwarzwald": "place", "Pfalz": "place"}


def test_police_units_capes_forts_and_linked_town_names() -> None:
    got = names("The Velmora State Police Command arrested five suspects. Officers of the Tarnby Police Division "
                "helped, and the Orla Regional Municipality lifted the order near Fort Velmar on Sunday.", "en")
    assert got["Velmora State Police Command"] == got["Tarnby Police Division"] == "organization"
    assert got["Orla Regional Municipality"] == "organization" and got["Fort Velmar"] == "place"
    got = names("It had admitted 50, Swellendam 26 and the Tarnby General Hospital 12 patients. "
                "He moved to Kingston upon Hull.", "en")
    assert got["Tarnby General Hospital"] == "organization"  # a count after the name is no model number
    assert "Swellendam 26" not in got and got["Kingston upon Hull"] == "place"
    got = names("So warm war es am 22. Juni im oberbayerischen Reit im Winkl.", "de")
    assert got.get("Reit im Winkl") == "place" and "Winkl" not in got


def test_a_place_closing_or_opening_a_longer_name_is_no_mention_of_it() -> None:
    got = names("The probe lifted off from Cape Velmar Air Force Station. Analysts at Orvan Kay Tarn Hong Kong "
                "agreed. It relied on South Korean suppliers.", "en")
    assert got.get("Cape Velmar Air Force Station") == "place" and "Cape Velmar" not in got
    assert got.get("Orvan Kay Tarn Hong Kong") == "organization" and "Hong Kong" not in got
    assert "South Korea" not in got


def test_a_given_name_before_a_capitalised_pronoun_is_a_person() -> None:
    got = names("Außerdem war Klaus Meine von der Band Orvan am Abend anwesend.", "de")
    assert got.get("Klaus Meine") == "person" and "Klaus" not in got


def test_a_name_opening_with_a_known_organisations_name_is_no_person() -> None:
    got = names("SEOUL, Oct. 27 (Velmhap) -- Orvan Group Co. on Friday reported its profit. The estimate came from "
                "a survey by Velmhap Infomax, the data firm of the Velmhap News Agency.", "en")
    assert got.get("Velmhap Infomax") == "organization"
