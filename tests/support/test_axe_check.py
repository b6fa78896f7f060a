"""The suite's accessibility check (tests/support/browser.py's axe) finds what axe-core finds: a test
that reads no violation is not reading an empty answer."""

import pytest

from tests.support.steps import assert_accessible

pytestmark = pytest.mark.browser


def test_the_check_reports_a_violation_by_its_rule_and_passes_a_clean_page(page, axe):
    page.set_content('<html lang="en"><title>t</title><main><h1>Hi</h1><img src="data:,"></main></html>')

    results = axe.run(page)

    assert results.violations_count == 1
    assert "image-alt" in results.generate_report()
    with pytest.raises(AssertionError, match="image-alt"):
        assert_accessible(page, axe)
    page.set_content('<html lang="en"><title>t</title><main><h1>Hi</h1><img src="data:," alt=""></main></html>')
    assert_accessible(page, axe)
