def pytest_addoption(parser):
    try:
        parser.addini("DJANGO_SETTINGS_MODULE", "Django settings (pytest-django is disabled)")
    except ValueError:
        pass
