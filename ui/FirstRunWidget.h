// What someone sees the first time, with nothing configured: a clear choice between connecting the real
// systems and trying TurfDrive on the built-in sandbox.
#pragma once

#include <QWidget>

class QPushButton;

class FirstRunWidget : public QWidget
{
    Q_OBJECT
public:
    explicit FirstRunWidget(QWidget *parent = nullptr);

    QPushButton *setupButton() const { return m_setup; }
    QPushButton *sandboxButton() const { return m_sandbox; }

signals:
    void setupRequested();
    void sandboxRequested();

private:
    QPushButton *m_setup;
    QPushButton *m_sandbox;
};
