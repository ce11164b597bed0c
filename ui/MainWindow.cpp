#include "MainWindow.h"

#include <QLabel>
#include <QVBoxLayout>

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
{
    setWindowTitle(tr("TurfDrive"));
    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    auto *status = new QLabel(tr("Not synced yet."), central);
    status->setObjectName(QStringLiteral("statusLabel"));
    status->setTextFormat(Qt::PlainText);
    layout->addWidget(status);
    layout->addStretch();
    setCentralWidget(central);
    resize(960, 640);
}
