def test_anonymous_is_sent_to_login(client, world):
    for url in ("/", "/accounts/", "/accounts/guodian/"):
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith("/login/"), url


def test_portfolio_lists_only_visible_accounts(owner_client):
    html = owner_client.get("/accounts/").content.decode()
    assert "国电智慧能源集团" in html and "Northwind Logistics" in html and "Mallory Corp" not in html


def test_outsider_gets_404_on_account(client, world):
    client.force_login(world.outsider)
    assert client.get("/accounts/guodian/").status_code == 404


def test_account_page_lists_people(owner_client):
    html = owner_client.get("/accounts/guodian/").content.decode()
    assert "王建国" in html and "李明" in html


def test_script_names_render_as_text(owner_client, world):
    from tests import factories as f

    f.person(account=world.cn, name="<script>alert(1)</script>")
    html = owner_client.get("/accounts/guodian/").content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_pages_carry_a_strict_content_security_policy(owner_client):
    csp = owner_client.get("/accounts/").headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]


def test_a_strange_next_after_the_language_switch_goes_home(owner_client, client):
    # a tester's "\r\nX-a:1" was read as a view name: NoReverseMatch, 500
    for next_url in ("\r\nX-a:1", "/\r\nX-a:1", "accounts", "https://evil.example/", "//evil.example/"):
        for c in (owner_client, client):
            response = c.post("/language/", {"language": "en", "next": next_url})
            assert response.status_code == 302 and response["Location"] == "/", next_url
    assert owner_client.post("/language/", {"next": "/accounts/?q=1"})["Location"] == "/accounts/?q=1"


def test_language_choice_is_remembered_per_user(owner_client, world):
    owner_client.post("/language/", {"language": "en", "next": "/accounts/"})
    assert world.owner.profile.language == "en"
    assert "Accounts" in owner_client.get("/accounts/").content.decode()
