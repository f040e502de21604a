from lms.accounts.roles import Role


def test_officer_signs_in_and_sees_their_dashboard(make_account, sign_in):
    account = make_account(Role.OFFICER, name="Pat Example")
    response = sign_in(account)
    assert response.status_code == 200
    assert "Welcome, Pat Example" in response.get_data(as_text=True)


def test_administrator_signs_in_with_a_code(make_account, sign_in):
    account = make_account(Role.ADMIN, name="Ada Admin")
    response = sign_in(account)
    assert "Welcome, Ada Admin" in response.get_data(as_text=True)
