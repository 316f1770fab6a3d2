"""English dates written out as English readers expect ("December 5, 2026"), not Django's
abbreviated "Dec. 5, 2026"; everything else is Django's English format."""

DATE_FORMAT = "F j, Y"
DATETIME_FORMAT = "F j, Y, P"
MONTH_DAY_FORMAT = "F j"
YEAR_MONTH_FORMAT = "F Y"
