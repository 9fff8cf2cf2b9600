"""`r2p serve` in a real browser: Debian's headless Chromium driven by selenium loads the home
page, searches "veto", opens a statement, its other language version and its original, meets
bad input, and saves a screenshot of each step.

Without Chromium (or selenium) the tests are skipped on a developer's machine and FAIL in CI
(CI set): there, .ci/run installs the `chromium` and `chromium-driver` packages."""

from __future__ import annotations

import importlib.util
import os
import shutil
import urllib.request
from pathlib import Path

import pytest
from docgen import make_pdf
from serve_support import build_web_archive, running_server

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--window-size=1280,900")


def _missing() -> str | None:
    if importlib.util.find_spec("datasette") is None:
        return "the [web] extra (datasette)"
    if importlib.util.find_spec("selenium") is None:
        return "selenium (the [test] extra)"
    for path, package in ((CHROMIUM, "chromium"), (CHROMEDRIVER, "chromium-driver")):
        if not os.access(path, os.X_OK):
            return f"{path} (Debian package {package})"
    return None


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    missing = _missing()
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"browser tests need {missing}; .ci/run installs it")
        pytest.skip(f"browser tests need {missing}")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("browser") / "archive"
    pdf = make_pdf(paragraphs=["Brazil supports the responsibility to protect.",
                               "The veto must never block action against atrocity crimes."])
    ids = build_web_archive(root, original=pdf)
    with running_server(root) as url:
        yield url, ids, pdf


def shot(driver, tmp_path: Path, name: str) -> Path:
    """Save a screenshot (also into $R2P_SCREENSHOTS when set, to look at or publish)."""
    path = tmp_path / f"{name}.png"
    assert driver.save_screenshot(str(path))
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    if os.environ.get("R2P_SCREENSHOTS"):
        shutil.copy(path, Path(os.environ["R2P_SCREENSHOTS"]) / path.name)
    return path


def wait_for(driver, css: str):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, 20).until(ec.presence_of_element_located((By.CSS_SELECTOR, css)))


def texts(driver, css: str) -> list[str]:
    from selenium.webdriver.common.by import By

    return [e.text for e in driver.find_elements(By.CSS_SELECTOR, css)]


def test_search_open_a_statement_and_its_original(browser, site, tmp_path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    url, ids, pdf = site
    browser.get(url + "/")
    assert browser.title == "R2P statements"
    assert texts(browser, ".r2p-count strong") == ["12"]
    shot(browser, tmp_path, "home")

    box = browser.find_element(By.ID, "q")
    box.send_keys("veto", Keys.ENTER)
    wait_for(browser, ".r2p-hit")
    assert browser.current_url == url + "/?q=veto"
    # French stems are the rarer ones in this archive: the French statements rank first
    assert texts(browser, ".r2p-name") == ["Mexico", "France", "Costa Rica", "Brazil", "Mexico",
                                           "Brazil"]
    assert texts(browser, ".r2p-snippet mark") == ["veto", "véto"] + ["veto"] * 4
    assert len(browser.find_elements(By.CSS_SELECTOR, ".r2p-chart svg rect.bar")) == 6 + 4
    assert texts(browser, "#facet-year li") == ["2021 2", "2016 1", "2015 1", "2013 2"]
    shot(browser, tmp_path, "search")

    browser.find_element(By.CSS_SELECTOR, "#facet-year a[href*='year=2013']").click()
    wait_for(browser, ".r2p-chip")
    assert texts(browser, ".r2p-name") == ["France", "Brazil"]

    browser.find_element(By.CSS_SELECTOR, f"a[href='/statement/{ids['brazil2013']}']").click()
    wait_for(browser, ".r2p-header")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Brazil 2013"
    header = dict(zip(texts(browser, ".r2p-header th"), texts(browser, ".r2p-header td"),
                      strict=True))
    assert header["Speaker"] == "Brazil" and header["Country"] == "Brazil (BRA)"
    assert header["Language"] == "en" and header["Original"] == "statement.pdf"
    assert texts(browser, ".r2p-text")[0].startswith("Brazil supports the responsibility")
    shot(browser, tmp_path, "statement")

    link = browser.find_element(By.ID, "original")
    href = link.get_attribute("href")
    assert href == f"{url}/original/{ids['brazil2013']}"
    with urllib.request.urlopen(href, timeout=10) as resp:
        assert resp.read() == pdf and resp.headers["content-type"] == "application/pdf"
    link.click()
    assert browser.current_url == href  # Chromium's PDF viewer shows it inline
    shot(browser, tmp_path, "original")


def test_other_language_version_of_a_record_turn(browser, site, tmp_path):
    from selenium.webdriver.common.by import By

    url, ids, _ = site
    browser.get(f"{url}/statement/{ids['mexico_en']}")
    header = dict(zip(texts(browser, ".r2p-header th"), texts(browser, ".r2p-header td"),
                      strict=True))
    assert header["Record"] == "A/75/PV.62, turn 2, page 9"
    assert header["Other languages"] == "fr"
    assert header["Original"] == "en.pdf"
    browser.find_element(By.CSS_SELECTOR, ".r2p-versions a").click()
    wait_for(browser, ".r2p-text")
    assert browser.current_url == f"{url}/statement/{ids['mexico_fr']}"
    assert texts(browser, ".r2p-text")[0].startswith("Le Mexique demande")
    shot(browser, tmp_path, "record-turn-fr")


@pytest.mark.parametrize("path, message", [
    ("/?q=%22veto", 'Cannot search: unbalanced quote: the phrase "veto is not closed'),
    ("/?q=veto+AND", "Cannot search: AND must be followed by a word or a phrase"),
    ("/statement/ffffffffff", 'no statement with id "ffffffffff" in this archive'),
    ("/statement/<b>", '"<b>" is not a statement id: ids are hexadecimal, like 3f2a9c01d4'),
])
def test_bad_input_reads_as_a_message(browser, site, tmp_path, path, message):
    url, _, _ = site
    browser.get(url + path)
    assert texts(browser, ".r2p-error") == [message]
    assert "Traceback" not in browser.page_source
    if path.startswith("/?"):
        shot(browser, tmp_path, "bad-query")
