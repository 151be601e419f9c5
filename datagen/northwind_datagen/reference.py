"""Fixed vocabularies the generator draws from (plausible, Northwind-like, not copied rows)."""

from __future__ import annotations

# (city, region or None, country, postal code pattern: 9 = digit, A = letter)
PLACES: tuple[tuple[str, str | None, str, str], ...] = (
    ("Berlin", None, "Germany", "99999"),
    ("München", None, "Germany", "99999"),
    ("Köln", None, "Germany", "99999"),
    ("London", None, "UK", "AA9 9AA"),
    ("Cowes", "Isle of Wight", "UK", "AA99 9AA"),
    ("Paris", None, "France", "99999"),
    ("Lyon", None, "France", "99999"),
    ("Nantes", None, "France", "99999"),
    ("Madrid", None, "Spain", "99999"),
    ("Sevilla", None, "Spain", "99999"),
    ("Lisboa", None, "Portugal", "9999"),
    ("Torino", None, "Italy", "99999"),
    ("Bergamo", None, "Italy", "99999"),
    ("Bern", None, "Switzerland", "9999"),
    ("Graz", None, "Austria", "9999"),
    ("Bruxelles", None, "Belgium", "A-9999"),
    ("Luleå", None, "Sweden", "A-999 99"),
    ("Århus", None, "Denmark", "9999"),
    ("Oulu", None, "Finland", "99999"),
    ("Stavern", None, "Norway", "9999"),
    ("Warszawa", None, "Poland", "99-999"),
    ("Cork", "Co. Cork", "Ireland", None),
    ("México D.F.", None, "Mexico", "99999"),
    ("Buenos Aires", None, "Argentina", "9999"),
    ("Sao Paulo", "SP", "Brazil", "99999-999"),
    ("Rio de Janeiro", "RJ", "Brazil", "99999-999"),
    ("Caracas", "DF", "Venezuela", "9999"),
    ("Montréal", "Québec", "Canada", "A9A 9A9"),
    ("Vancouver", "BC", "Canada", "A9A 9A9"),
    ("Seattle", "WA", "USA", "99999"),
    ("Portland", "OR", "USA", "99999"),
    ("Boise", "ID", "USA", "99999"),
    ("San Francisco", "CA", "USA", "99999"),
    ("Albuquerque", "NM", "USA", "99999"),
    ("Anchorage", "AK", "USA", "99999"),
    ("Tokyo", None, "Japan", "999"),
    ("Osaka", None, "Japan", "999"),
    ("Singapore", None, "Singapore", "9999"),
    ("Sydney", "NSW", "Australia", "9999"),
    ("Melbourne", "Victoria", "Australia", "9999"),
)
FIRST_NAMES = (
    "Maria Ana Antonio Thomas Christina Hanna Laurence Elizabeth Victoria Patricio Francisco Yang Pedro Sven "
    "Janine Ann Roland Aria Diego Martine Peter Carine Paolo Lino Eduardo José André Howard Manuel Mario "
    "Carlos Yoshi Patricia Helen Philip Daniel Annette John Renate Jaime Felipe Fran Giovanni Catherine Jean "
    "Alexander Simon Yvonne Rene Henriette Marie Guillermo Georg Isabel Bernardo Lúcia Horst Sergio Paula"
).split()
LAST_NAMES = (
    "Anders Trujillo Moreno Hardy Berglund Moos Citeaux Sommer Lebihan Lincoln Ashworth Simpson Chang Wang "
    "Afonso Brown Ottlieb Labrune Devon Mendel Cruz Roel Rancé Larsson Franken Schmitt Accorti Rodriguez "
    "Saavedra Freyre Fonseca Snyder Pereira Pontes Hernández Latimer McKenna Bennett Cramer Tonini Roulet "
    "Steel Messner Yorres Izquierdo Wilson Rovelli Dewey Fresnière Feuer Crowther Moncada Phillips Bertrand"
).split()
TITLES = (
    "Sales Representative", "Owner", "Marketing Manager", "Accounting Manager", "Sales Manager",
    "Order Administrator", "Sales Agent", "Marketing Assistant", "Sales Associate", "Export Administrator",
)
COMPANY_WORDS = (
    "Alpine Baltic Blue Bright Coastal Golden Green Grand Harbor Island Lake Maple Northern Old Pacific "
    "Royal Silver Sunny Valley Western Eastern Little Happy Crown Oak River Royal Star Urban Village"
).split()
COMPANY_KINDS = (
    "Delikatessen", "Markets", "Imports", "Grocers", "Comidas", "Trading", "Foods", "Vinhos", "Supermarkt",
    "Käseladen", "Épicerie", "Provisions", "Gourmet", "Wholesale", "Specialties",
)
STREETS = ("Main St.", "Obere Str.", "rue Royale", "Gran Vía", "Av. Brasil", "King George", "Baker Blvd.")
PRODUCT_ADJECTIVES = (
    "Chef's Queso Original Sir Rodney's Gustaf's Uncle Bob's Northwoods Mishi Ikura Konbu Tofu Pavlova "
    "Alice Carnarvon Teatime Sasquatch Steeleye Inlagd Gravad Côte Ipoh Gula Boston Singaporean Louisiana "
    "Tarte Gnocchi Wimmers Röd Lakkalikööri Vegie Rhönbräu Mozzarella Scottish Thüringer"
).split()
PRODUCT_NOUNS = (
    "Chai Chang Syrup Seasoning Gumbo Spread Pears Cranberry Sauce Beef Crab Biscuits Marmalade Scones Lager "
    "Ale Sill Lax Coffee Chocolate Malacca Hokkien Mee Pepper Sauce Kaviar Tourtière Pâté Ravioli Crackers"
).split()
CATEGORIES = (
    ("Beverages", "Soft drinks, coffees, teas, beers, and ales"),
    ("Condiments", "Sweet and savory sauces, relishes, spreads, and seasonings"),
    ("Confections", "Desserts, candies, and sweet breads"),
    ("Dairy Products", "Cheeses"),
    ("Grains/Cereals", "Breads, crackers, pasta, and cereal"),
    ("Meat/Poultry", "Prepared meats"),
    ("Produce", "Dried fruit and bean curd"),
    ("Seafood", "Seaweed and fish"),
)
QUANTITY_UNITS = ("10 boxes x 20 bags", "24 - 12 oz bottles", "12 - 550 ml bottles", "48 - 6 oz jars",
                  "36 boxes", "12 - 200 ml jars", "1 kg pkg.", "24 - 250 g pkgs.", "32 - 500 g boxes")
SHIPPERS = ("Speedy Express", "United Package", "Federal Shipping", "Alliance Shippers", "UPS", "DHL")
REGIONS = ("Eastern", "Western", "Northern", "Southern")
EMPLOYEE_TITLES = ("Sales Representative", "Inside Sales Coordinator", "Sales Manager")
US_STATES: tuple[tuple[str, str, str], ...] = tuple(
    (name, abbr, region)
    for row in (
        "Alabama AL south|Alaska AK north|Arizona AZ west|Arkansas AR south|California CA west|"
        "Colorado CO west|Connecticut CT east|Delaware DE east|District of Columbia DC east|Florida FL south|"
        "Georgia GA south|Hawaii HI west|Idaho ID midwest|Illinois IL midwest|Indiana IN midwest|Iowa IO midwest|"
        "Kansas KS midwest|Kentucky KY south|Louisiana LA south|Maine ME north|Maryland MD east|"
        "Massachusetts MA north|Michigan MI north|Minnesota MN north|Mississippi MS south|Missouri MO south|"
        "Montana MT west|Nebraska NE midwest|Nevada NV west|New Hampshire NH east|New Jersey NJ east|"
        "New Mexico NM west|New York NY east|North Carolina NC east|North Dakota ND midwest|Ohio OH midwest|"
        "Oklahoma OK midwest|Oregon OR west|Pennsylvania PA east|Rhode Island RI east|South Carolina SC east|"
        "South Dakota SD midwest|Tennessee TN midwest|Texas TX west|Utah UT west|Vermont VT east|"
        "Virginia VA east|Washington WA west|West Virginia WV south|Wisconsin WI midwest|Wyoming WY west"
    ).split("|")
    for name, abbr, region in [row.rsplit(" ", 2)]
)
