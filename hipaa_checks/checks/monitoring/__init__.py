"""The monitoring family: log sources whose silence is noticed, failed log-ins that alert, alerts that reach
someone (164.308(a)(1)(ii)(D), 164.308(a)(5)(ii)(C), 164.308(a)(6)(ii))."""
