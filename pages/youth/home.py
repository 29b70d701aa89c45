import reflex as rx


@rx.page(route="/", title="pass Culture")
def home() -> rx.Component:
    return rx.heading("pass Culture")
