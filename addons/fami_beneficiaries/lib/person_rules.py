"""Rules on a person's data that need no ORM: age bands and codice fiscale consistency (tested in tier 1)."""
from stdnum.it import codicefiscale

AGE_BANDS = [("under_18", 0, 17), ("18_29", 18, 29), ("30_54", 30, 54), ("55_64", 55, 64), ("65_plus", 65, 200)]


def age_on(birth_date, day):
    """Completed years on `day`."""
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


def age_band(birth_date, day):
    """The EU monitoring age band of a person born on `birth_date`, on `day`; None without a (past) birth date."""
    if not birth_date or birth_date > day:
        return None
    age = age_on(birth_date, day)
    return next(code for code, low, high in AGE_BANDS if low <= age <= high)


def codice_fiscale_disagreements(code, birth_date=None, gender=None):
    """Which parts of a valid personal codice fiscale contradict the given birth date and gender.

    Returns a list among "birth date" and "gender" (empty when consistent or when a value is missing), or
    ["codice fiscale"] when the code is not a valid personal codice fiscale (e.g. while it is being typed).
    `gender` is "female" or "male"; non-binary people have an M/F codice fiscale, so it is not compared.
    """
    code = codicefiscale.compact(code)
    if len(code) != 16 or not codicefiscale.is_valid(code):
        return ["codice fiscale"]
    problems = []
    if birth_date and codicefiscale.get_birth_date(code) != birth_date:
        # the codice fiscale's century is a guess: compare day, month and the last two digits of the year
        coded = codicefiscale.get_birth_date(code)
        if (coded.day, coded.month, coded.year % 100) != (birth_date.day, birth_date.month, birth_date.year % 100):
            problems.append("birth date")
    if gender in ("female", "male") and codicefiscale.get_gender(code) != gender[0].upper():
        problems.append("gender")
    return problems
