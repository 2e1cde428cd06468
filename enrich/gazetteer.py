"""Well-known names with their usual label.

Used by the fallback backend to label capitalised spans, and by both backends to
override the small model where it reads a city as a person or a country as an organisation.
Only names that are rarely anything else belong here.
"""
from __future__ import annotations


def _names(block: str) -> frozenset[str]:
    return frozenset(n.strip() for line in block.strip().splitlines() for n in line.split(";") if n.strip())


COUNTRIES = _names("""
Afghanistan; Albania; Algeria; Andorra; Angola; Argentina; Armenia; Australia; Austria; Azerbaijan
Bahamas; Bahrain; Bangladesh; Barbados; Belarus; Belgium; Belize; Benin; Bhutan; Bolivia; Bosnia; Bosnia and Herzegovina
Botswana; Brazil; Brunei; Bulgaria; Burkina Faso; Burundi; Cambodia; Cameroon; Canada; Cape Verde; Chad; Chile; China
Colombia; Comoros; Congo; Costa Rica; Croatia; Cuba; Cyprus; Czech Republic; Czechia; Denmark; Djibouti; Dominican Republic
DR Congo; Democratic Republic of Congo; Democratic Republic of the Congo; Republic of Congo; East Timor; Ecuador; Egypt; El Salvador; Equatorial Guinea; Eritrea; Estonia; Eswatini; Ethiopia; Fiji; Finland
France; Gabon; Gambia; Georgia; Germany; Ghana; Greece; Greenland; Grenada; Guatemala; Guinea; Guinea-Bissau; Guyana; Haiti
Honduras; Hungary; Iceland; India; Indonesia; Iran; Iraq; Ireland; Israel; Italy; Ivory Coast; Jamaica; Japan; Jordan
Kazakhstan; Kenya; Kiribati; Kosovo; Kuwait; Kyrgyzstan; Laos; Latvia; Lebanon; Lesotho; Liberia; Libya; Liechtenstein
Lithuania; Luxembourg; Madagascar; Malawi; Malaysia; Maldives; Mali; Malta; Mauritania; Mauritius; Mexico; Moldova; Monaco
Mongolia; Montenegro; Morocco; Mozambique; Myanmar; Burma; Namibia; Nauru; Nepal; Netherlands; New Zealand; Nicaragua; Niger
Nigeria; North Korea; North Macedonia; Norway; Oman; Pakistan; Palau; Palestine; Panama; Papua New Guinea; Paraguay; Peru
Philippines; Poland; Portugal; Qatar; Romania; Russia; Rwanda; Samoa; San Marino; Saudi Arabia; Senegal; Serbia; Seychelles
Sierra Leone; Singapore; Slovakia; Slovenia; Somalia; South Africa; South Korea; South Sudan; Spain; Sri Lanka; Sudan
Suriname; Sweden; Switzerland; Syria; Taiwan; Tajikistan; Tanzania; Thailand; Togo; Tonga; Trinidad and Tobago; Tunisia
Turkey; Türkiye; Turkmenistan; Tuvalu; Uganda; Ukraine; United Arab Emirates; UAE; United Kingdom; UK; U.K.; Britain
Great Britain; England; Scotland; Wales; Northern Ireland; United States; United States of America; US; U.S.; USA; America
Uruguay; Uzbekistan; Vanuatu; Vatican; Venezuela; Vietnam; Yemen; Zambia; Zimbabwe; Hong Kong; Macau; Puerto Rico
Gaza; Gaza Strip; West Bank; Crimea; Donbas; Kashmir; Tibet; Xinjiang; Chechnya; Kurdistan; Somaliland; Transnistria
""")

CITIES = _names("""
Kabul; Tirana; Algiers; Luanda; Buenos Aires; Yerevan; Canberra; Sydney; Melbourne; Brisbane; Perth; Vienna; Baku; Manama
Dhaka; Minsk; Brussels; Antwerp; La Paz; Sarajevo; Brasilia; Brasília; Rio de Janeiro; Sao Paulo; São Paulo; Sofia
Phnom Penh; Ottawa; Toronto; Montreal; Vancouver; Santiago; Beijing; Shanghai; Shenzhen; Guangzhou; Wuhan; Hong Kong
Bogota; Bogotá; Havana; Nicosia; Prague; Copenhagen; Cairo; Alexandria; Tallinn; Addis Ababa; Helsinki; Paris; Marseille
Lyon; Strasbourg; Tbilisi; Berlin; Munich; Frankfurt; Hamburg; Cologne; Bonn; Accra; Athens; Budapest; Reykjavik; New Delhi
Delhi; Mumbai; Kolkata; Chennai; Bangalore; Bengaluru; Jakarta; Tehran; Baghdad; Basra; Mosul; Erbil; Dublin; Jerusalem
Tel Aviv; Haifa; Rome; Milan; Naples; Venice; Florence; Turin; Tokyo; Osaka; Hiroshima; Kyoto; Amman; Astana; Almaty
Nairobi; Mombasa; Pristina; Kuwait City; Bishkek; Vientiane; Riga; Beirut; Tripoli; Benghazi; Vilnius; Luxembourg
Kuala Lumpur; Valletta; Mexico City; Chisinau; Ulaanbaatar; Podgorica; Rabat; Casablanca; Maputo; Naypyidaw; Yangon
Kathmandu; Amsterdam; Rotterdam; The Hague; Wellington; Auckland; Managua; Niamey; Abuja; Lagos; Pyongyang; Skopje; Oslo
Muscat; Islamabad; Karachi; Lahore; Ramallah; Panama City; Lima; Manila; Warsaw; Krakow; Gdansk; Lisbon; Porto; Doha
Bucharest; Moscow; St Petersburg; St. Petersburg; Kigali; Riyadh; Jeddah; Mecca; Medina; Dakar; Belgrade; Freetown
Bratislava; Ljubljana; Mogadishu; Pretoria; Johannesburg; Cape Town; Durban; Seoul; Busan; Juba; Madrid; Barcelona
Seville; Valencia; Colombo; Khartoum; Stockholm; Gothenburg; Bern; Geneva; Zurich; Basel; Davos; Damascus; Aleppo; Homs
Idlib; Taipei; Dushanbe; Dar es Salaam; Bangkok; Lome; Tunis; Ankara; Istanbul; Izmir; Kampala; Kyiv; Kiev; Kharkiv
Odesa; Odessa; Lviv; Dnipro; Zaporizhzhia; Kherson; Mariupol; Bakhmut; Donetsk; Luhansk; Sevastopol; Abu Dhabi; Dubai
London; Manchester; Birmingham; Liverpool; Leeds; Glasgow; Edinburgh; Cardiff; Belfast; Oxford; Cambridge; Bristol
Washington; Washington DC; Washington, D.C.; New York; New York City; Los Angeles; Chicago; Houston; Phoenix; Philadelphia
San Antonio; San Diego; Dallas; San Jose; Austin; Seattle; Denver; Boston; Detroit; Nashville; Memphis; Portland
Las Vegas; Baltimore; Milwaukee; Atlanta; Miami; Orlando; Tampa; New Orleans; Minneapolis; Cleveland; Pittsburgh
St Louis; St. Louis; Cincinnati; Kansas City; Sacramento; San Francisco; Charlotte; Raleigh; Honolulu; Anchorage
Montevideo; Caracas; Hanoi; Ho Chi Minh City; Sanaa; Aden; Lusaka; Harare; Gaza City; Rafah; Khan Younis; Jenin
Hebron; Nablus; Goma; Kinshasa; Bamako; Ouagadougou; N'Djamena; Asmara; Tashkent; Samarkand; Minsk; Sochi; Vladivostok
Novosibirsk; Kursk; Belgorod; Kazan; Yekaterinburg; Mandalay; Karachi; Peshawar; Kandahar; Herat; Brussels; Strasbourg
Luxembourg City; Monaco; Sarajevo; Salzburg; Graz; Geneva; Lausanne; Marrakesh; Tangier; Lagos; Kano; Sydney; Adelaide
Darwin; Hobart; Victoria; Calgary; Edmonton; Winnipeg; Quebec City; Halifax; Guadalajara; Monterrey; Tijuana; Medellin
Medellín; Quito; Guayaquil; Asuncion; Asunción; Sucre; Cusco; Valparaiso; Cordoba; Córdoba; Rosario
Recife; Fortaleza; Porto Alegre; Belo Horizonte; Manaus; Srinagar; Hyderabad; Ahmedabad; Pune; Jaipur; Lucknow; Dhaka
Montgomery; Juneau; Little Rock; Tallahassee; Albany; Harrisburg; Columbus; Springfield; Lansing; Madison; Helena
Boise; Salt Lake City; Santa Fe; Oklahoma City; Topeka; Lincoln; Des Moines; Jefferson City; Baton Rouge; Jackson
Frankfort; Richmond; Annapolis; Trenton; Hartford; Providence; Concord; Augusta; Montpelier; Dover; Columbia
Varanasi; Kanpur; Patna; Bhopal; Amritsar; Shimla; Gurugram; Noida; Agra; Surat; Nagpur; Kochi; Thiruvananthapuram
Chittagong; Kathmandu; Colombo; Hanoi; Da Nang; Phuket; Chiang Mai; Cebu; Davao; Surabaya; Bali; Osaka; Nagoya
Sapporo; Fukushima; Okinawa; Incheon; Macau; Chongqing; Chengdu; Tianjin; Nanjing; Hangzhou; Xi'an; Lhasa; Urumqi
""")

REGIONS = _names("""
Europe; Asia; Africa; North America; South America; Latin America; Central America; Oceania; Antarctica; Arctic
Middle East; Near East; Far East; Gulf; Persian Gulf; Balkans; Baltics; Caucasus; Scandinavia; Sahel; Horn of Africa
Mediterranean; Black Sea; Red Sea; Baltic Sea; North Sea; South China Sea; East China Sea; Caspian Sea; Atlantic; Pacific
Indian Ocean; Atlantic Ocean; Pacific Ocean; Arctic Ocean; Strait of Hormuz; Taiwan Strait; Bosphorus; English Channel
Suez Canal; Panama Canal; Alps; Himalayas; Andes; Nile; Danube; Rhine; Euphrates; Tigris; Jordan River
Golan Heights; Sinai; Siberia; Kashmir; Punjab; Bavaria; Catalonia; Flanders; Wallonia; Silicon Valley; Midwest
Moon; Mars; Venus; Mercury; Jupiter; Saturn; Earth; International Space Station
Eastern Europe; Western Europe; Central Europe; Southeast Asia; East Asia; South Asia; Central Asia; West Africa
East Africa; North Africa; Southern Africa; Sub-Saharan Africa; Indo-Pacific; Eurozone; Scotland
California; Texas; Florida; New York State; Pennsylvania; Ohio; Michigan; Illinois; Arizona; Nevada; Wisconsin
Minnesota; Iowa; Virginia; North Carolina; South Carolina; Alabama; Mississippi; Louisiana; Kentucky; Tennessee
Massachusetts; New Jersey; Maryland; Oregon; Colorado; Utah; Idaho; Montana; Alaska; Hawaii; Oklahoma; Kansas
Nebraska; Missouri; Arkansas; Indiana; Connecticut; Vermont; Maine; New Hampshire; Rhode Island; Delaware; West Virginia
Uttar Pradesh; Maharashtra; Gujarat; Tamil Nadu; Kerala; Karnataka; West Bengal; Bihar; Rajasthan; Andhra Pradesh
Telangana; Odisha; Assam; Guangdong; Sichuan; Hubei; Yunnan; Zhejiang; Jiangsu; Shandong; Henan; Hebei; Fujian
Rio Grande do Sul; Bavaria; Saxony; Lombardy; Sicily; Sardinia; Andalusia; Basque Country; Corsica; Normandy; Brittany
Tigray; Amhara; Darfur; Kordofan; Balochistan; Sindh; Khyber Pakhtunkhwa; Aceh; Papua; Mindanao; Hokkaido; Kyushu
Anatolia; Kurdistan Region; Nagorno-Karabakh; Abkhazia; South Ossetia; Zaporizhzhia region; Kherson region
New Mexico; Wyoming; North Dakota; South Dakota; Ontario; Quebec; Alberta; British Columbia; Queensland; New South Wales
""")

FACILITIES = _names("""
Capitol Hill; Downing Street; Elysee Palace; Élysée Palace; Red Square; Tiananmen Square; Buckingham Palace
Heathrow; Heathrow Airport; Gatwick; JFK Airport; Ben Gurion Airport; Zaporizhzhia nuclear plant; Chernobyl
Fukushima Daiichi; Camp David; Mar-a-Lago; Oval Office; Wall Street; Kremlin Palace; Vatican City; Eiffel Tower
""")

ORGANISATIONS = _names("""
United Nations; UN; U.N.; UN Security Council; Security Council; General Assembly; UN General Assembly; NATO; Nato
European Union; EU; European Commission; European Parliament; European Council; European Central Bank; ECB
World Bank; International Monetary Fund; IMF; World Health Organization; World Health Organisation; WHO; WTO
World Trade Organization; OPEC; OPEC+; African Union; Arab League; ASEAN; G7; G20; BRICS; OSCE; IAEA; UNICEF; UNESCO
UNHCR; UNRWA; Red Cross; International Committee of the Red Cross; ICRC; Amnesty International; Human Rights Watch
International Criminal Court; ICC; International Court of Justice; ICJ; Interpol; Europol; Frontex
White House; Kremlin; Pentagon; State Department; Congress; Senate; House of Representatives; Supreme Court; FBI; CIA
NSA; NASA; Federal Reserve; Fed; Treasury; Justice Department; Department of Justice; Department of Defense
Department of State; Homeland Security; Department of Homeland Security; Defense Department; Commerce Department
Bank of England; Bank of Japan; People's Bank of China; People's Liberation Army; PLA; Chinese Communist Party; Bundesbank; Bundestag; Reichstag; Knesset; Duma; State Duma
Parliament; House of Commons; House of Lords; Downing Street; Whitehall; Elysee; Élysée; Quai d'Orsay; Foreign Office
Hamas; Hezbollah; Taliban; Houthis; Islamic State; ISIS; Al-Qaeda; al-Qaeda; Al Qaeda; Wagner; Wagner Group; PKK
Law and Justice; Civic Platform; Alternative for Germany; AfD; National Rally; Brothers of Italy; Fidesz; Sinn Féin
Likud; African National Congress; ANC; Bharatiya Janata Party; BJP; Indian National Congress; Liberal Democratic Party
Social Democratic Party; SPD; Christian Democratic Union; CDU; Christian Social Union; Free Democratic Party; FDP
Liberal Democrats; Scottish National Party; Reform UK; Podemos; Vox; Syriza; New Democracy; Freedom Party
Democratic Party; Republican Party; Democrats; Republicans; Labour; Labour Party; Conservative Party; Tories; Conservatives
Reuters; Associated Press; AP; AFP; Agence France-Presse; Bloomberg; BBC; CNN; Al Jazeera; Xinhua; TASS; Tass; Interfax
RIA Novosti; New York Times; Washington Post; Wall Street Journal; Financial Times; The Guardian; Politico
Apple; Google; Alphabet; Microsoft; Amazon.com; Meta; Facebook; Twitter; Instagram; YouTube; TikTok; OpenAI; Nvidia
Tesla; SpaceX; Samsung; Toyota; Volkswagen; Siemens; Airbus; Boeing; Shell; BP; ExxonMobil; Gazprom; Rosneft; Aramco
Saudi Aramco; Huawei; Alibaba; Tencent; Sony; Netflix; Uber; Intel; IBM; Pfizer; Moderna; AstraZeneca; Novartis
Goldman Sachs; JPMorgan; JPMorgan Chase; Morgan Stanley; Citigroup; HSBC; Barclays; Deutsche Bank; BlackRock
Harvard; Harvard University; Oxford University; Stanford University; MIT; Yale; Princeton; Cambridge University
Springboks; All Blacks; Wallabies; Pumas; Socceroos; Matildas; Proteas; Black Caps; Black Ferns; Azzurri; Bafana Bafana
Super Eagles; Black Stars; Les Bleus; Super Falcons; Red Roses
""")  # (the last two lines: national sides known by their nicknames)

DEMONYMS = _names("""
Afghan; Albanian; Algerian; American; Americans; Argentine; Argentinian; Armenian; Australian; Austrian; Azerbaijani
Bangladeshi; Belarusian; Belgian; Bolivian; Bosnian; Brazilian; British; Briton; Britons; Bulgarian; Cambodian
Cameroonian; Canadian; Chilean; Chinese; Colombian; Congolese; Croatian; Cuban; Cypriot; Czech; Danish; Dutch; Egyptian
Emirati; English; Eritrean; Estonian; Ethiopian; European; Europeans; Filipino; Finnish; French; Georgian; German; Germans
Ghanaian; Greek; Haitian; Hungarian; Icelandic; Indian; Indonesian; Iranian; Iranians; Iraqi; Irish; Israeli; Israelis
Italian; Japanese; Jordanian; Kazakh; Kenyan; Korean; Kurdish; Kurds; Kuwaiti; Latvian; Lebanese; Libyan; Lithuanian
Malaysian; Malian; Maltese; Mexican; Moldovan; Mongolian; Moroccan; Nepali; Nigerian; Norwegian; Pakistani; Palestinian
Palestinians; Peruvian; Polish; Portuguese; Qatari; Romanian; Russian; Russians; Rwandan; Saudi; Scottish; Serbian
Slovak; Slovenian; Somali; Spanish; Sudanese; Swedish; Swiss; Syrian; Syrians; Taiwanese; Thai; Tunisian; Turkish; Turks
Ugandan; Ukrainian; Ukrainians; Uruguayan; Uzbek; Venezuelan; Vietnamese; Welsh; Yemeni; Zambian; Zimbabwean; Western
Arab; Arabs; Asian; African; Latino; Hispanic; Jewish; Muslim; Muslims; Christian; Christians; Catholic; Sunni; Shia
Shiite; Democrat; Republican; Soviet; Kurdish; Baltic; Nordic; Israeli-Palestinian; Sino; Anglo
""")

# Words for a people or a language and the place they relate to ("Danish" -> Denmark).
DEMONYM_PLACES = dict(
    pair.strip().split(":") for pair in """
Afghan:Afghanistan; Albanian:Albania; Algerian:Algeria; American:United States; Argentine:Argentina;
Argentinian:Argentina; Armenian:Armenia; Australian:Australia; Austrian:Austria; Azerbaijani:Azerbaijan;
Bangladeshi:Bangladesh; Belarusian:Belarus; Belgian:Belgium; Bolivian:Bolivia; Bosnian:Bosnia;
Brazilian:Brazil; British:United Kingdom; Bulgarian:Bulgaria; Cambodian:Cambodia; Cameroonian:Cameroon;
Canadian:Canada; Chilean:Chile; Chinese:China; Colombian:Colombia; Congolese:Congo; Croatian:Croatia;
Cuban:Cuba; Cypriot:Cyprus; Czech:Czech Republic; Danish:Denmark; Dutch:Netherlands; Egyptian:Egypt;
Emirati:United Arab Emirates; English:England; Eritrean:Eritrea; Estonian:Estonia; Ethiopian:Ethiopia;
Filipino:Philippines; Finnish:Finland; French:France; Georgian:Georgia; German:Germany; Ghanaian:Ghana;
Greek:Greece; Haitian:Haiti; Hungarian:Hungary; Icelandic:Iceland; Indian:India; Indonesian:Indonesia;
Iranian:Iran; Iraqi:Iraq; Irish:Ireland; Israeli:Israel; Italian:Italy; Japanese:Japan; Jordanian:Jordan;
Kazakh:Kazakhstan; Kenyan:Kenya; Kuwaiti:Kuwait; Latvian:Latvia; Lebanese:Lebanon; Libyan:Libya;
Lithuanian:Lithuania; Malaysian:Malaysia; Malian:Mali; Maltese:Malta; Mexican:Mexico; Moldovan:Moldova;
Mongolian:Mongolia; Moroccan:Morocco; Nepali:Nepal; Nigerian:Nigeria; Norwegian:Norway; Pakistani:Pakistan;
Palestinian:Palestine; Peruvian:Peru; Polish:Poland; Portuguese:Portugal; Qatari:Qatar; Romanian:Romania;
Russian:Russia; Rwandan:Rwanda; Saudi:Saudi Arabia; Scottish:Scotland; Serbian:Serbia; Slovak:Slovakia;
Slovenian:Slovenia; Somali:Somalia; Spanish:Spain; Sudanese:Sudan; Swedish:Sweden; Swiss:Switzerland;
Syrian:Syria; Taiwanese:Taiwan; Thai:Thailand; Tunisian:Tunisia; Turkish:Turkey; Ugandan:Uganda;
Ukrainian:Ukraine; Uruguayan:Uruguay; Uzbek:Uzbekistan; Venezuelan:Venezuela; Vietnamese:Vietnam;
Welsh:Wales; Yemeni:Yemen; Zambian:Zambia; Zimbabwean:Zimbabwe; Baltic:Baltics; Nordic:Scandinavia;
Scandinavian:Scandinavia; ;
""".replace("\n", " ").split(";") if pair.strip())

EVENTS = _names("""
New Year; New Year's Day; New Year’s Day; New Year's Eve; New Year’s Eve; Lunar New Year; Christmas; Christmas Day
Christmas Eve; Easter; Ramadan; Eid; Eid al-Fitr; Eid al-Adha; Thanksgiving; Hanukkah; Diwali; Passover; Yom Kippur
Olympic Games; Olympics; Paralympics; World Cup; Champions League; Europa League; Euro 2024; Super Bowl; Wimbledon
COP28; COP29; COP30; Brexit; Holocaust; World War One; World War Two; First World War; Second World War; Cold War
""")

PLACES: dict[str, str] = {
    **{n: "GPE" for n in COUNTRIES | CITIES},
    **{n: "LOC" for n in REGIONS - COUNTRIES - CITIES},
    **{n: "FAC" for n in FACILITIES},
}


def lookup(name: str) -> str | None:
    """The usual label of a well-known name, or None when unknown."""
    if name in PLACES:
        return PLACES[name]
    if name in ORGANISATIONS:
        return "ORG"
    if name in DEMONYMS:
        return "NORP"
    if name in EVENTS:
        return "EVENT"
    return None


# How a country's or region's name becomes its people's word: "Senegal" -> "Senegalese", "Kenya" -> "Kenyan",
# "Peru" -> "Peruvian", "Togo" -> "Togolese", "Bavaria" -> "Bavarian" (the hand list holds the irregular ones).
_PEOPLE_ENDINGS = (("ese", ""), ("lese", ""), ("ian", ""), ("vian", ""), ("an", ""), ("n", ""), ("i", ""),
                   ("ian", "a"), ("an", "a"), ("ese", "a"), ("i", "a"))  # (("ian", "ia") is ("n", ""))


def is_people_word(word: str) -> bool:
    """True for a word for a people or its language: "Danish", "Senegalese", "Malawian", "Kenyan"."""
    return word in DEMONYMS or derived_place(word) is not None


def derived_place(word: str) -> str | None:
    """The country or region a people's word is made from ("Senegalese" -> "Senegal", "South African" ->
    "South Africa"), or None."""
    if not word[:1].isupper() or not word.replace(" ", "").isalpha():
        return None
    for ending, restored in _PEOPLE_ENDINGS:
        stem = word[:-len(ending)] + restored if word.endswith(ending) else ""
        if len(stem) > 2 and (stem in COUNTRIES or stem in REGIONS):
            return stem
    return None


def is_place_or_people(word: str) -> bool:
    """True for a single word that names a country, city or people ("US", "Russian")."""
    return word in PLACES or word in DEMONYMS


def compound_name(word: str) -> bool:
    """True for a hyphenated word with a capitalised part that is no well-known name: the compound
    names something of its own ("Paris-Roubaix", "Rolls-Royce"), unlike "Russia-US" or "Kyiv-based"."""
    return "-" in word and any(p[:1].isupper() and lookup(p) is None for p in word.split("-"))


def inside_compound_name(text: str, start: int, end: int) -> bool:
    """True when text[start:end] is only part of a hyphenated compound name."""
    if text[start - 1:start] != "-" and text[end:end + 1] != "-":
        return False
    left = max(text.rfind(" ", 0, start), text.rfind("\n", 0, start)) + 1
    right = min((k for k in (text.find(" ", end), text.find("\n", end), len(text)) if k != -1))
    return compound_name(text[left:right].strip(",.;:!?\"“”‘’'()"))
