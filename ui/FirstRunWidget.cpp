#include "FirstRunWidget.h"

#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace {
QPushButton *choice(QWidget *parent, const QString &name, const QString &text)
{
    auto *button = new QPushButton(text, parent);
    button->setObjectName(name);
    button->setMinimumHeight(56);
    button->setMinimumWidth(360);
    QFont f = button->font();
    f.setPointSizeF(f.pointSizeF() * 1.15);
    button->setFont(f);
    return button;
}

QLabel *explanation(QWidget *parent, const QString &text)
{
    auto *label = new QLabel(text, parent);
    label->setTextFormat(Qt::PlainText);
    label->setWordWrap(true);
    label->setAlignment(Qt::AlignHCenter);
    return label;
}
} // namespace

FirstRunWidget::FirstRunWidget(QWidget *parent)
    : QWidget(parent)
    , m_setup(choice(this, QStringLiteral("setupButton"), tr("Set up connections")))
    , m_sandbox(choice(this, QStringLiteral("sandboxButton"), tr("Try the sandbox")))
{
    setObjectName(QStringLiteral("firstRun"));
    auto *title = new QLabel(tr("Welcome to TurfDrive"), this);
    title->setTextFormat(Qt::PlainText);
    QFont big = title->font();
    big.setPointSizeF(big.pointSizeF() * 1.8);
    big.setBold(true);
    title->setFont(big);
    title->setAlignment(Qt::AlignHCenter);

    auto *layout = new QVBoxLayout(this);
    layout->addStretch(2);
    layout->addWidget(title);
    layout->addWidget(explanation(this, tr("TurfDrive keeps Pipedrive and Ostendo in step. Nothing is connected yet: "
                                           "how would you like to start?")));
    layout->addSpacing(24);
    layout->addWidget(m_setup, 0, Qt::AlignHCenter);
    layout->addWidget(explanation(this, tr("Enter your Pipedrive and Ostendo addresses and keys.")));
    layout->addSpacing(16);
    layout->addWidget(m_sandbox, 0, Qt::AlignHCenter);
    layout->addWidget(explanation(this, tr("Practise on built-in copies of both systems filled with demo customers "
                                           "and jobs. Nothing real is touched.")));
    layout->addStretch(3);
    connect(m_setup, &QPushButton::clicked, this, &FirstRunWidget::setupRequested);
    connect(m_sandbox, &QPushButton::clicked, this, &FirstRunWidget::sandboxRequested);
}
