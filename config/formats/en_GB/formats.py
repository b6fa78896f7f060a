"""One way to write a date across pages, the memo's PDF and emails: "27 November 2026", and with a
time "27 November 2026, 14:13 GMT". Django's own British formats abbreviate the month and write
"2:13 p.m."; the short forms are for the admin's dense lists."""

DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i T"
SHORT_DATE_FORMAT = "j M Y"
SHORT_DATETIME_FORMAT = "j M Y, H:i"
TIME_FORMAT = "H:i"
